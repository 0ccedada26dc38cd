package source

import (
	"github.com/interdict/interdict/source/au"
	"github.com/interdict/interdict/source/bis"
	"github.com/interdict/interdict/source/ca"
	"github.com/interdict/interdict/source/csl"
	"github.com/interdict/interdict/source/dod"
	"github.com/interdict/interdict/source/eu"
	"github.com/interdict/interdict/source/ftm"
	"github.com/interdict/interdict/source/meti"
	"github.com/interdict/interdict/source/ofac"
	"github.com/interdict/interdict/source/uk"
	"github.com/interdict/interdict/source/un"
)

// formats is the registry of every publisher format but OFAC's legacy CSV
// (whose companion files scan groups itself). Order matters only where two
// detectors could both accept a file; each checks content, so none do.
var formats = []Format{
	{Source: "", Name: "OFAC SDN.XML schema", Detect: ofac.Detect, Parse: ofac.Parse},
	{Source: un.Source, Name: un.Format, Detect: un.Detect, Parse: un.Parse},
	{Source: eu.Source, Name: eu.Format, Detect: eu.Detect, Parse: eu.Parse},
	{Source: uk.Source, Name: uk.FCDOFormat, Detect: uk.FCDODetect, Parse: uk.ParseFCDO},
	{Source: uk.Source, Name: uk.ConListFormat, DetectRows: uk.DetectRows, ParseWorkbook: uk.ParseWorkbook},
	{Source: ca.Source, Name: ca.Format, Detect: ca.Detect, Parse: ca.Parse},
	{Source: au.Source, Name: au.Format, DetectRows: au.DetectRows, ParseWorkbook: au.ParseWorkbook},
	{Source: meti.Source, Name: meti.Format, DetectRows: meti.DetectRows, ParseWorkbook: meti.ParseWorkbook},
	{Source: "us-dpl", Name: "BIS Denied Persons List", Detect: bis.DetectDPL, Parse: bis.ParseDPL},
	{Source: "us-mieu", Name: "BIS Military End-User list", Detect: bis.DetectMEU, Parse: bis.ParseMEU},
	{Source: "us-1260h", Name: "DoD 1260H list", Detect: dod.Detect, Parse: dod.Parse},
	{Source: "csl", Name: "US Consolidated Screening List CSV", Detect: csl.Detect, Parse: csl.Parse},
	{Source: ftm.Source, Name: ftm.FormatFtM, Detect: ftm.Detect, Parse: ftm.Parse, Merge: true},
	{Source: "", Name: ftm.FormatSimple, Detect: ftm.DetectSimple, Parse: ftm.ParseSimple},
}
