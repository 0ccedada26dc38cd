// Package source finds, loads, versions and fetches the official lists.
//
// Each publisher format has its own package under source/ (source/ofac,
// source/un, …) that turns the publisher's files into domain entities. This
// package knows them all: it recognises files by their content, groups the
// files of one list version, dates each version, parses them concurrently,
// picks the live version of each source and keeps the others as earlier
// versions. Fetch downloads the lists from their official URLs into a
// state directory, with conditional requests, checksums and a manifest.
package source
