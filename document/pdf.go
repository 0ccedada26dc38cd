package document

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// readPDF extracts a PDF's text with pdftotext (Debian's poppler-utils),
// in reading order, pages separated by a form feed. The PDF goes through
// a temporary file (pdftotext seeks in its input); the program runs
// under lim.PDFTimeout, and its output is cut off, as an error, past
// lim.MaxText.
func readPDF(ctx context.Context, data []byte, lim Limits) (*Document, error) {
	prog, err := exec.LookPath(lim.PDFToText)
	if err != nil {
		return nil, fmt.Errorf("%w: reading a PDF needs %s from poppler-utils (Debian: apt-get install poppler-utils): %v", ErrNoPDFTool, lim.PDFToText, err)
	}
	tmp, err := os.CreateTemp("", "interdict-*.pdf")
	if err != nil {
		return nil, fmt.Errorf("pdf: temporary file: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("pdf: temporary file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return nil, fmt.Errorf("pdf: temporary file: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, lim.PDFTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, prog, "-enc", "UTF-8", "-q", tmp.Name(), "-")
	out := &capped{max: lim.MaxText}
	var stderr capped
	stderr.max = 4 << 10
	cmd.Stdout, cmd.Stderr = out, &stderr
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	err = cmd.Run()
	switch {
	case out.over:
		return nil, fmt.Errorf("%w: the PDF's text is more than %s (the limit)", ErrTooLarge, Size(int64(lim.MaxText)))
	case ctx.Err() == context.DeadlineExceeded:
		return nil, fmt.Errorf("%w: pdftotext took more than %s (the limit); the PDF may be damaged or very large", ErrCorrupt, lim.PDFTimeout)
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case err != nil:
		msg := firstLine(stderr.String())
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			if msg == "" {
				msg = ee.String()
			}
			return nil, fmt.Errorf("%w: pdf: pdftotext could not read it: %s", ErrCorrupt, msg)
		}
		return nil, fmt.Errorf("pdf: running pdftotext: %w", err)
	}
	text := validText(out.String())
	d := &Document{Format: PDF, Text: text}
	if pages := strings.Count(strings.TrimRight(text, "\f"), "\f") + 1; strings.TrimSpace(text) != "" {
		unit := "pages"
		if pages == 1 {
			unit = "page"
		}
		d.Notes = append(d.Notes, fmt.Sprintf("%d %s, text by pdftotext", pages, unit))
	}
	return d, nil
}

// capped is a buffer that keeps at most max bytes and remembers being
// offered more.
type capped struct {
	bytes.Buffer
	max  int
	over bool
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.max - c.Len(); len(p) > room {
		c.over = true
		if room > 0 {
			c.Buffer.Write(p[:room])
		}
		return 0, errors.New("output over the limit")
	}
	return c.Buffer.Write(p)
}

func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}
