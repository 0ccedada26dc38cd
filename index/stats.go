package index

import "sort"

// Stats describes the index's size.
type Stats struct {
	Entries, Keys, Postings int
	Longest                 []string
	Vocab, VocabBytes       int
}

// Stats reports sizes, for tuning.
func (ix *Index) Stats() Stats {
	st := Stats{Entries: len(ix.Entries), Keys: len(ix.postings)}
	type kl struct {
		k string
		n int
	}
	var all []kl
	for k, p := range ix.postings {
		st.Postings += len(p)
		all = append(all, kl{k, len(p)})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].n > all[j].n })
	for _, x := range all[:min(30, len(all))] {
		st.Longest = append(st.Longest, x.k+":"+itoa(x.n))
	}
	texts := map[string]bool{}
	for _, e := range ix.Entries {
		for _, t := range e.Tokens.Tokens {
			if !texts[t.Text] {
				texts[t.Text] = true
				st.VocabBytes += len(t.Text)
			}
		}
	}
	st.Vocab = len(texts)
	return st
}

func itoa(n int) string {
	b := []byte{}
	for n > 0 || len(b) == 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
