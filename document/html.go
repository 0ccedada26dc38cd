package document

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// readHTML extracts the visible text of an HTML page: text nodes, with a
// blank line after each block (paragraph, heading, list item, table row,
// …) and a line break for <br>; the contents of script, style, template,
// noscript, svg and the head (but its title) are skipped, and character
// references decoded. The page's charset (byte-order mark, <meta>) is
// honoured; without one UTF-8 is assumed.
func readHTML(data []byte, lim Limits) (*Document, error) {
	d := &Document{Format: HTML}
	enc, name, certain := charset.DetermineEncoding(data[:min(len(data), 1024)], "text/html")
	if !certain && utf8.Valid(data) {
		// (without a declaration the standard guesses Windows-1252;
		// text that is valid UTF-8 is UTF-8)
		name = "utf-8"
	}
	var r io.Reader = bytes.NewReader(data)
	if name != "utf-8" && name != "" {
		r = enc.NewDecoder().Reader(r)
		d.Notes = append(d.Notes, "decoded from "+name)
	}
	z := html.NewTokenizer(r)
	z.SetMaxBuf(0)
	var b strings.Builder
	skip := 0       // depth inside skipped elements
	inHead := false // inside <head>, where only the title is text
	inTitle := false
	space := true // the output ends in white space
	newlines := 2 // the output ends in this many line breaks (capped)
	write := func(s string) {
		for _, f := range strings.Fields(s) {
			if !space {
				b.WriteByte(' ')
			}
			b.WriteString(f)
			space, newlines = false, 0
		}
		if len(s) > 0 && isSpaceByte(s[len(s)-1]) && !space {
			b.WriteByte(' ')
			space = true
		}
	}
	breakLine := func(n int) {
		if b.Len() == 0 {
			return
		}
		s := b.String()
		if strings.HasSuffix(s, " ") {
			trimmed := strings.TrimRight(s, " ")
			b.Reset()
			b.WriteString(trimmed)
		}
		for newlines < n {
			b.WriteByte('\n')
			newlines++
		}
		space = true
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if err := z.Err(); err != io.EOF {
				return nil, fmt.Errorf("%w: html: %v", ErrCorrupt, err)
			}
			d.Text = validText(strings.TrimSpace(b.String()))
			return d, nil
		case html.TextToken:
			if skip > 0 || inHead && !inTitle {
				continue
			}
			write(string(z.Text()))
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			start := tt != html.EndTagToken
			switch a {
			case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Svg, atom.Math, atom.Iframe, atom.Object:
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			case atom.Head:
				inHead = start
				continue
			case atom.Title:
				inTitle = tt == html.StartTagToken
				if !start {
					breakLine(2)
				}
				continue
			case atom.Body:
				inHead = false
			}
			if skip > 0 {
				continue
			}
			switch a {
			case atom.Br:
				breakLine(1)
			case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Tr, atom.Table,
				atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd, atom.Blockquote, atom.Pre, atom.Section, atom.Article,
				atom.Header, atom.Footer, atom.Aside, atom.Nav, atom.Figcaption, atom.Figure, atom.Hr, atom.Caption,
				atom.Address, atom.Main, atom.Form, atom.Fieldset, atom.Legend, atom.Details, atom.Summary:
				breakLine(2)
			case atom.Td, atom.Th:
				if !start {
					b.WriteString(" \t")
					space = true
				}
			}
		}
		if b.Len() > lim.MaxText {
			return nil, fmt.Errorf("%w: its text is more than %s (the limit)", ErrTooLarge, Size(int64(lim.MaxText)))
		}
	}
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
