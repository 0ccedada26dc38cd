package normalize

import (
	"testing"

	"github.com/interdict/interdict"
)

var benchNames = []struct {
	name string
	kind interdict.Kind
	raws []string
}{
	{"Latin", interdict.KindPerson, []string{
		"AL-BAGHDADI, Abu Bakr", "Vladimir Vladimirovich PUTIN", "KIM, Jong Un",
		"Mohammed Abdel Rahman AL-MASRI", "Juan Carlos GARCIA LOPEZ",
	}},
	{"LatinOrg", interdict.KindOrganization, []string{
		"BANCO NACIONAL DE CUBA", "ANGLO-CARIBBEAN CO., LTD.", "Rosneft Oil Company PJSC",
		"LIMITED LIABILITY COMPANY VNESHEKONOMBANK", "Islamic Revolutionary Guard Corps",
	}},
	{"Cyrillic", interdict.KindPerson, []string{
		"Владимир Владимирович Путин", "Дмитрий Медведев", "Юрий Борена Пътечкова",
		"Олександр Гнатюк", "Сергей Шойгу",
	}},
	{"Arabic", interdict.KindPerson, []string{
		"محمد علي", "عبد الرحمن بن عبد الله", "أبو بكر البغدادي", "حسین موسوی", "خالد محمود",
	}},
	{"Chinese", interdict.KindPerson, []string{
		"习近平", "王伟", "李明", "桂荣 兰", "欧阳修",
	}},
}

// BenchmarkAnalyze measures Analyze per name for typical names of each
// script (the Latin sub-benchmarks are the index-build hot path).
func BenchmarkAnalyze(b *testing.B) {
	tables() // build the phrase tables outside the timing
	for _, bn := range benchNames {
		b.Run(bn.name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				Analyze(bn.raws[i%len(bn.raws)], bn.kind)
				i++
			}
		})
	}
}

func BenchmarkFold(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Fold("Müller-Lüdenscheidt, Ærø O'Brien")
	}
}

func BenchmarkKey(b *testing.B) {
	b.ReportAllocs()
	var buf []byte
	for b.Loop() {
		buf = appendKey(buf[:0], "mohammed", true)
	}
}

// BenchmarkAnalyzeSDN analyses every name of the OFAC SDN snapshot (about
// 15,000) per iteration.
func BenchmarkAnalyzeSDN(b *testing.B) {
	names, kinds := sdnNames(b)
	tables()
	b.ReportAllocs()
	for b.Loop() {
		for i, n := range names {
			Analyze(n, kinds[i])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(names)), "ns/name")
}

// BenchmarkAnalyzeSDNParallel analyses the SDN names from GOMAXPROCS
// goroutines, as an index build would; ns/name is wall time per name.
func BenchmarkAnalyzeSDNParallel(b *testing.B) {
	names, kinds := sdnNames(b)
	tables()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			Analyze(names[i%len(names)], kinds[i%len(names)])
			i++
		}
	})
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/name")
}
