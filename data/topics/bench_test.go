package topics

import "testing"

// BenchmarkCount matches the whole corpus (160 comments in five
// languages) against the café dictionary, compiled each time as Count
// does.
func BenchmarkCount(b *testing.B) {
	b.ReportAllocs()
	d := Default(Cafe)
	var n int
	for b.Loop() {
		for lang, cases := range corpus {
			cs := make([]Comment, len(cases))
			for i, c := range cases {
				cs[i] = Comment{Text: c.text}
			}
			n += len(Count(cs, d, lang))
		}
	}
	_ = n
}

// BenchmarkMatch is one comment against a compiled dictionary.
func BenchmarkMatch(b *testing.B) {
	b.ReportAllocs()
	m := Compile(Default(Cafe))
	for b.Loop() {
		m.Match("Официант был груб, ждали еду сорок минут", "ru")
	}
}

// BenchmarkCountRepeated is a count of 10,000 comments whose words repeat,
// as a business's do (the corpus ×60), against a compiled dictionary.
func BenchmarkCountRepeated(b *testing.B) {
	b.ReportAllocs()
	m := Compile(Default(Cafe))
	var cs []Comment
	for range 60 {
		for _, c := range corpus["ru"] {
			cs = append(cs, Comment{Text: c.text})
		}
		for _, c := range corpus["lv"] {
			cs = append(cs, Comment{Text: c.text})
		}
		for _, c := range corpus["en"] {
			cs = append(cs, Comment{Text: c.text})
		}
		for _, c := range corpus["it"] {
			cs = append(cs, Comment{Text: c.text})
		}
		for _, c := range corpus["zh_Hans"] {
			cs = append(cs, Comment{Text: c.text})
		}
	}
	b.ResetTimer()
	for b.Loop() {
		CountWith(m, cs, "lv")
	}
	b.ReportMetric(float64(len(cs)), "comments/op")
}
