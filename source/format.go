package source

import (
	"io"

	"github.com/xuri/excelize/v2"

	interdict "github.com/interdict/interdict"
)

// Format is one publisher file format the loader recognises. A text format
// sets Detect and Parse; a spreadsheet format sets DetectRows and
// ParseWorkbook.
type Format struct {
	// Source is the list's short name; empty when the file itself names
	// it (an OFAC XML file is the SDN list or the consolidated list by its
	// name; a targets.simple.csv by its dataset column).
	Source string
	Name   string

	Detect func(name string, head []byte) bool
	Parse  func(r io.Reader, name string) (*interdict.ListLoad, error)

	DetectRows    func(rows [][]string) bool
	ParseWorkbook func(f *excelize.File, name string) (*interdict.ListLoad, error)

	// Merge says several files of this format in one data directory are
	// parts of one list rather than versions of it (FollowTheMoney
	// fixtures of different datasets).
	Merge bool
}

// Formats returns the formats the loader knows, in detection order.
func Formats() []Format { return formats }
