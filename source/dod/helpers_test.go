package dod

import (
	interdict "github.com/interdict/interdict"
)

func byPrimary(l *interdict.ListLoad, n string) *interdict.Entity {
	for _, e := range l.Entities {
		if e.PrimaryName() == n {
			return e
		}
	}
	return nil
}
