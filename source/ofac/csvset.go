package ofac

import (
	"fmt"
	"io"
)

// The sources this package produces.
const (
	SourceSDN  = "ofac-sdn"  // the SDN list
	SourceCons = "ofac-cons" // the consolidated non-SDN list
)

// Part names one of the four tables of OFAC's legacy CSV set.
type Part int

// The parts of a CSV set.
const (
	PartPrimary  Part = iota + 1 // sdn.csv, cons_prim.csv
	PartAlt                      // alt.csv, cons_alt.csv
	PartAddress                  // add.csv, cons_add.csv
	PartComments                 // sdn_comments.csv, cons_comments.csv
)

// String gives the usual SDN file name of the part, for messages.
func (p Part) String() string {
	switch p {
	case PartPrimary:
		return "sdn.csv"
	case PartAlt:
		return "alt.csv"
	case PartAddress:
		return "add.csv"
	case PartComments:
		return "sdn_comments.csv"
	}
	return fmt.Sprintf("Part(%d)", int(p))
}

// columns is the number of columns OFAC's specification gives the part.
func (p Part) columns() int {
	switch p {
	case PartPrimary:
		return 12 // ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks
	case PartAlt:
		return 5 // ent_num, alt_num, alt_type, alt_name, alt_remarks
	case PartAddress:
		return 6 // ent_num, Add_num, Address, City/State/Province/Postal Code, Country, Add_remarks
	case PartComments:
		return 2 // ent_num, Remarks_Extended
	}
	return 0
}

// CSVFile is one file of a CSV set: the name used in rejects and errors,
// and its content. A zero CSVFile (nil R) is an absent companion.
type CSVFile struct {
	Name string
	R    io.Reader
}

// CSVSet is what ParseCSV reads: a primary file and the companions the
// caller chose to join to it. Companions must be of the same list (SDN or
// consolidated); sdn_comments.csv should be of the same date as the
// primary file, since it continues the primary file's remarks. alt.csv and
// add.csv of another date are usable: their rows for ent_nums the primary
// file lacks are counted as orphans.
type CSVSet struct {
	Primary  CSVFile
	Alt      CSVFile
	Address  CSVFile
	Comments CSVFile
}

// Set puts f in the slot of part p, as DetectCSV reported it.
func (s *CSVSet) Set(p Part, f CSVFile) {
	switch p {
	case PartPrimary:
		s.Primary = f
	case PartAlt:
		s.Alt = f
	case PartAddress:
		s.Address = f
	case PartComments:
		s.Comments = f
	}
}
