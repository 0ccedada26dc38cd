package ftm

import (
	"fmt"
	"io"
	"os"

	interdict "github.com/interdict/interdict"
)

// Source is the short name of FtM loads; their entity ids are "ftm:<FtM id>".
const Source = "ftm"

// Format names of the two formats this package reads.
const (
	FormatFtM    = "FollowTheMoney JSON lines"
	FormatSimple = "OpenSanctions targets.simple.csv"
)

// Parse reads one FtM JSON-lines file. References are resolved within the
// file; a link to an id the file does not hold keeps OtherID "ftm:<id>"
// (see the package documentation). name appears in every reject and error.
func Parse(r io.Reader, name string) (*interdict.ListLoad, error) {
	c := newCollector()
	if err := c.add(r, name); err != nil {
		return nil, err
	}
	return c.finish(), nil
}

// ParseFiles reads several FtM files as one load, resolving references
// across them: an Ownership in one file links to a company in another by
// name and id. An id defined in two files is a Reject on the second.
func ParseFiles(paths ...string) (*interdict.ListLoad, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("ftm: no files given")
	}
	c := newCollector()
	for _, p := range paths {
		if err := c.addFile(p); err != nil {
			return nil, err
		}
	}
	return c.finish(), nil
}

func (c *collector) addFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("ftm: %w", err)
	}
	defer f.Close()
	return c.add(f, path)
}
