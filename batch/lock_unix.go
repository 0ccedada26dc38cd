//go:build unix

package batch

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lock takes an exclusive advisory lock on the partial output, so that a
// second run of the same command (in another terminal, while the first is
// still going) is refused instead of interleaving rows with it. The lock
// goes with the file descriptor: a killed run holds it no more.
func lock(f *os.File) error {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return fmt.Errorf("another run is writing %s", f.Name())
	}
	return err
}
