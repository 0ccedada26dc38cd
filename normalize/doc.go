// Package normalize turns a raw name in any script into comparable Latin
// tokens. The index and the scorer use one entry point:
//
//	n := normalize.Analyze(raw, interdict.KindPerson)
//	for _, v := range n.Variants {      // Latin renderings, best first
//		for _, t := range v.Tokens {    // Text, Key, Skeleton, Joined, Flags
//			...
//		}
//	}
//
// # Pipeline
//
//  1. Script (DetectScript, the allocation-free twin of
//     interdict.DetectScript). Latin text is only folded (Fold: NFKD,
//     accents dropped, ß→ss, æ→ae, ø→o, ł→l, ı→i, þ→th, œ→oe, apostrophes
//     removed, other punctuation → space), giving exactly one variant.
//  2. Other scripts are transliterated (Latin), run by run, into up to
//     MaxVariants renderings: Cyrillic in BGN/PCGN, ICAO and a "j" style
//     (with Ukrainian, Belarusian and Serbian national systems), Greek ELOT
//     743 and phonetic, Arabic and Persian through a table of common name
//     words plus a consonantal reader that inserts the usual vowels,
//     Hebrew likewise, Chinese pinyin (surname first; "xi jinping" and
//     "xi jin ping"; Sino-Korean readings for Korean names written in
//     hanja), Korean Hangul by algorithm (popular, Revised Romanization,
//     McCune-Reischauer; surname table), kana in Hepburn, Thai in a
//     simplified RTGS, Devanagari with its inherent vowel, anything else
//     through go-unidecode.
//  3. Tokens: Arabic compounds are joined (abd al-rahman, abdel rahman,
//     abdulrahman → abdulrahman; salah ad-din → salahuddin; nasr allah →
//     nasrullah); other particles (al, bin, abu, van, de...) stay tokens
//     flagged Particle so that al-Baghdadi and Baghdadi differ only by a
//     low-weight token, and carry in Token.Joined the key of the glued
//     spelling (Albaghdadi).
//  4. Phrases from the rigour tables (legalforms_gen.go): for
//     organisations (and unknown kinds) legal forms become one Legal token
//     ("limited liability company", "L.L.C.", "ООО", "Общество с
//     ограниченной ответственностью" → Text "llc"/"ooo", Key "LLC") and
//     generic organisation words one Symbol token (company, компания,
//     شركة → "co"/"CO"); for persons leading titles (Dr, His Excellency)
//     and trailing suffixes (Jr, III) are flagged Stop; for organisations
//     function words (of, the, de) are flagged Stop.
//  5. Keys: Key(Canon(text)) and Skeleton(Canon(text)) for persons and
//     unknown kinds, Key(text) and Skeleton(text) otherwise. Canon joins
//     national forms of given names (Oleksandr → Aleksandr); Key is a
//     phonetic key robust to transliteration; Skeleton is a coarser key
//     that also forgives guessed vowels.
//
// # Costs and limits
//
// Analyze is safe for concurrent use and allocates three or four times for
// a Latin name (the folded text, the token and variant slices, one byte
// arena holding every key). Phrase tables are built once, at first use
// (a few milliseconds). Input is read up to MaxRunes runes (Name.Truncated
// tells), at most MaxTokens tokens per variant and MaxVariants variants.
//
// # Data
//
// legalforms_gen.go is generated from opensanctions/rigour (MIT) by
// internal/gen. The Arabic, Hebrew, Korean, Chinese-surname and hanja
// tables and the Canon classes are written from general knowledge of name
// spelling; nothing is taken from the alias files of the sanctions lists.
package normalize

//go:generate go run ./internal/gen -in ../../shared/data/name_normalization_rigour -out legalforms_gen.go
