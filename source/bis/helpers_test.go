package bis

import (
	interdict "github.com/interdict/interdict"
)

// byPrimary returns the entities whose primary name is n, in file order.
func byPrimary(l *interdict.ListLoad, n string) []*interdict.Entity {
	var out []*interdict.Entity
	for _, e := range l.Entities {
		if e.PrimaryName() == n {
			out = append(out, e)
		}
	}
	return out
}
