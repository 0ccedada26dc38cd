// Package csvin reads the delimited text files (comma- or tab-separated,
// with a header line) that several publishers' lists come in: it decodes
// the bytes (Decode), finds and checks the header (Layout), and walks the
// rows with their line numbers in the file (File.Rows), turning malformed
// rows into rejects.
//
// What a publisher does oddly stays in that publisher's package; this
// package holds only what the CSV formats share.
//
// # Finding the header
//
// The header is looked for in the first HeaderLines lines: publishers and
// re-exports put a title or a "Last updated …" line first. The header is
// the first of those lines that reads as one record holding every column
// of the layout's Signature, a few columns that make the format
// recognisable. Lines before it are skipped with a note, and line numbers
// stay those of the file.
//
// A header found that way must carry every Required column, else the file
// is an error naming the file, the header's line and every missing column
// ("dpl.txt line 1: missing columns Country, Last_Update"): the file is
// the format, but not a version of it the parser can read, and saying so
// beats skipping it as an unknown file.
//
// When no line is recognisably the format (Parse was called on a file the
// caller chose: a hand-cut excerpt, or another format), the first line is
// read as the header, as long as it carries the Minimal columns; else the
// error names the first missing one and the format ("line 1: missing
// column "Name": not a …").
//
// Errors start with the file name; callers add their package prefix.
package csvin
