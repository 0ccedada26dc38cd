package source

import "regexp"

// Remote is where one source is published: the files that make one
// version of it, each at an official URL, or found through a landing page
// that links the current file.
type Remote struct {
	Source string
	Files  []RemoteFile
}

// RemoteFile is one file of a remote source.
type RemoteFile struct {
	// Name is the file name the cache stores it under; parsers recognise
	// files by content, but a familiar name helps people and the OFAC
	// detector tell SDN from consolidated files.
	Name string
	URL  string
	// Link, when set, makes URL a landing page: the file is the first link
	// on it whose target matches Link.
	Link *regexp.Regexp
}

// Remotes are the official download addresses, from
// ../shared/reference/download_urls.md. OFAC answers each export with a
// redirect to a presigned storage URL; the client follows it. The UK OFSI
// consolidated list was retired on 28 January 2026, so the UK is fetched
// from the FCDO UK Sanctions List. Japan's METI links the current End User
// List from its page under a dated file name.
var Remotes = []Remote{
	{Source: "ofac-sdn", Files: []RemoteFile{
		{Name: "sdn.csv", URL: ofacSLS + "SDN.CSV"},
		{Name: "alt.csv", URL: ofacSLS + "ALT.CSV"},
		{Name: "add.csv", URL: ofacSLS + "ADD.CSV"},
		{Name: "sdn_comments.csv", URL: ofacSLS + "SDN_COMMENTS.CSV"},
	}},
	{Source: "ofac-cons", Files: []RemoteFile{{Name: "consolidated.xml", URL: ofacSLS + "CONSOLIDATED.XML"}}},
	{Source: "un", Files: []RemoteFile{{Name: "un_consolidated.xml", URL: "https://scsanctions.un.org/resources/xml/en/consolidated.xml"}}},
	{Source: "eu", Files: []RemoteFile{{Name: "eu_fsf.xml", URL: "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw"}}},
	{Source: "uk", Files: []RemoteFile{{Name: "UK-Sanctions-List.xml", URL: "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"}}},
	{Source: "csl", Files: []RemoteFile{{Name: "consolidated.csv", URL: "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv"}}},
	{Source: "us-dpl", Files: []RemoteFile{{Name: "dpl.txt", URL: "https://media.bis.gov/dpl/dpl.txt"}}},
	{Source: "ca", Files: []RemoteFile{{Name: "sema-lmes.xml", URL: "https://www.international.gc.ca/world-monde/assets/office_docs/international_relations-relations_internationales/sanctions/sema-lmes.xml"}}},
	{Source: "au", Files: []RemoteFile{{Name: "Australian_Sanctions_Consolidated_List.xlsx", URL: "https://www.dfat.gov.au/sites/default/files/Australian_Sanctions_Consolidated_List.xlsx"}}},
	{Source: "jp-meti", Files: []RemoteFile{{Name: "meti_end_user_list.xlsx", URL: "https://www.meti.go.jp/policy/anpo/law_document/tutatu/t07sonota/",
		Link: regexp.MustCompile(`(?i)href\s*=\s*["']([^"']+\.xlsx)["']`)}}},
}

const ofacSLS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
