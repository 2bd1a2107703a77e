package topics

import (
	"errors"
	"math"
	"slices"
	"testing"
	"time"
)

func TestLangOfLooksAtTheCommentsScript(t *testing.T) {
	for _, c := range []struct{ text, survey, want string }{
		{"Официант был груб", "lv", "ru"},
		{"服务员态度很差", "en", "zh"},
		{"服務員態度很差", "zh_Hant", "zh"},
		{"Apkalpošana lēna", "en", "lv"},
		{"Servizio lento", "it", "it"},
		{"Slow service", "ru", "en"},
		{"Servizio lento", "en", "en"},
		{"", "lv", "lv"},
	} {
		if got := LangOf(c.text, c.survey); got != c.want {
			t.Errorf("LangOf(%q, %s) = %s, want %s", c.text, c.survey, got, c.want)
		}
	}
}

func TestTraditionalChineseCommentsMatchTheirOwnWords(t *testing.T) {
	m := Compile(Default(Cafe))
	got := m.Match("服務員態度很差，廁所也不乾淨", "zh_Hant")
	var ids []string
	for _, i := range got {
		ids = append(ids, m.Dictionary().Topics[i].ID)
	}
	if !slices.Equal(ids, []string{"staff", "cleanliness"}) {
		t.Errorf("topics %v, want [staff cleanliness]", ids)
	}
}

func TestCountGivesMentionsBandsMeanAndLowScoreExamplesFirst(t *testing.T) {
	cs := []Comment{
		{Text: "Great coffee", Band: BandHigh, Score: 5},
		{Text: "Cold coffee and rude waiter", Band: BandLow, Score: 1},
		{Text: "Coffee ok", Band: BandNeutral, Score: 3},
		{Text: "Coffee was cold", Band: BandLow, Score: 2},
		{Text: "Nice coffee", Score: math.NaN()},
		{Text: "See you", Band: BandHigh, Score: 5},
	}
	got := Count(cs, Default(Cafe), "en")
	if len(got) != 2 || got[0].ID != "food" || got[1].ID != "staff" {
		t.Fatalf("topics %+v, want food then staff", got)
	}
	f := got[0]
	if f.Mentions != 5 || f.Low != 2 || f.Neutral != 1 || f.High != 1 || f.Scored() != 4 {
		t.Errorf("food counts %+v", f)
	}
	if f.Unhappy() != 50 { // 2 low of 4 scored
		t.Errorf("unhappy %v%%, want 50%%", f.Unhappy())
	}
	if f.Mean != (5+1+3+2)/4.0 || f.MinScore != 1 || f.MaxScore != 5 {
		t.Errorf("mean %v range %v–%v, want 2.75, 1–5", f.Mean, f.MinScore, f.MaxScore)
	}
	if !slices.Equal(f.Examples, []int{1, 3, 2}) {
		t.Errorf("examples %v, want the two low ones then the neutral one: [1 3 2]", f.Examples)
	}
	if un := Unmatched(cs, Default(Cafe), "en"); !slices.Equal(un, []int{5}) {
		t.Errorf("unmatched %v, want [5]", un)
	}
}

func TestBandOfFollowsTheCutoffAndNPS(t *testing.T) {
	for _, c := range []struct {
		v, cut int
		nps    bool
		want   Band
	}{
		{5, 4, false, BandHigh}, {4, 4, false, BandHigh}, {3, 4, false, BandNeutral}, {2, 4, false, BandLow},
		{8, 8, false, BandHigh}, {7, 8, false, BandNeutral}, {6, 8, false, BandLow},
		{3, 3, false, BandHigh}, {2, 3, false, BandNeutral}, {1, 3, false, BandLow},
		{9, 0, true, BandHigh}, {8, 0, true, BandNeutral}, {6, 0, true, BandLow}, {0, 0, true, BandLow},
	} {
		if got := BandOf(c.v, c.cut, c.nps); got != c.want {
			t.Errorf("BandOf(%d, %d, %v) = %v, want %v", c.v, c.cut, c.nps, got, c.want)
		}
	}
}

func TestAWordAddedFromAnUnmatchedCommentMatchesItsInflections(t *testing.T) {
	d := Default(Cafe)
	cs := []Comment{{Text: "Ar suni nedrīkst ienākt"}, {Text: "Suņiem te vietas nav"}}
	if un := Unmatched(cs, d, "lv"); len(un) != 2 {
		t.Fatalf("unmatched %v, want both", un)
	}
	if err := d.AddWord("atmosphere", "lv", "Suns"); err != nil {
		t.Fatal(err)
	}
	if un := Unmatched(cs, d, "lv"); len(un) != 0 {
		t.Errorf("after adding 'suns': unmatched %v, want none (suni, suņiem → sun)", un)
	}
	if err := d.AddWord("atmosphere", "lv", "suns"); !errors.Is(err, ErrDuplicate) {
		t.Errorf("adding it again: %v, want ErrDuplicate", err)
	}
	if err := d.AddWord("nope", "lv", "x"); !errors.Is(err, ErrNoTopic) {
		t.Errorf("unknown topic: %v, want ErrNoTopic", err)
	}
	id, err := d.AddTopic("Terase", "lv")
	if err != nil || d.Index(id) < 0 || d.Name(id, "en") != "Terase" {
		t.Errorf("AddTopic: %q, %v", id, err)
	}
	if err := d.RemoveWord("atmosphere", "lv", "suns"); err != nil {
		t.Fatal(err)
	}
	if un := Unmatched(cs, d, "lv"); len(un) != 2 {
		t.Errorf("after removing: unmatched %v, want both again", un)
	}
}

func TestTrendCountsTheTopTopicsPerPeriod(t *testing.T) {
	day := func(m int) time.Time { return time.Date(2025, time.Month(m), 3, 0, 0, 0, 0, time.UTC) }
	cs := []Comment{
		{Text: "slow service", At: day(1)}, {Text: "dirty tables", At: day(1)},
		{Text: "slow again", At: day(2)}, {Text: "very slow", At: day(2)}, {Text: "cheap", At: day(3)},
		{Text: "slow", At: day(5)},
	}
	tr := Trend(cs, Default(Cafe), "en", []string{"Jan", "Feb", "Mar"}, func(c Comment) int { return int(c.At.Month()) - 1 }, 2)
	if !slices.Equal(tr.Topics, []string{"speed", "cleanliness"}) {
		t.Fatalf("topics %v", tr.Topics)
	}
	if !slices.Equal(tr.Counts[0], []int{1, 2, 0}) || !slices.Equal(tr.Counts[1], []int{1, 0, 0}) || !slices.Equal(tr.Comments, []int{2, 2, 1}) {
		t.Errorf("counts %v comments %v", tr.Counts, tr.Comments)
	}
}

// memStorage is a Storage in memory.
type memStorage map[string][]byte

func (m memStorage) TopicDictionary(k string) ([]byte, error) { return m[k], nil }
func (m memStorage) SetTopicDictionary(k string, v []byte) error {
	if v == nil {
		delete(m, k)
	} else {
		m[k] = v
	}
	return nil
}

func TestEditedDictionariesAreStoredPerBusinessType(t *testing.T) {
	st := memStorage{}
	d, err := Load(st)
	if err != nil || d.Business != Cafe {
		t.Fatalf("fresh Load: %v %v", d.Business, err)
	}
	s := Default(Shop)
	if err := s.AddWord("staff", "it", "commessi"); err != nil {
		t.Fatal(err)
	}
	if err := Save(st, s); err != nil {
		t.Fatal(err)
	}
	got, err := Load(st)
	if err != nil || got.Business != Shop || !slices.Contains(got.Topics[got.Index("staff")].Words["it"], "commessi") {
		t.Fatalf("Load after Save: %v %v", got.Business, err)
	}
	if c, _ := LoadBusiness(st, Cafe); !slices.Equal(c.Topics[0].Words["en"], Default(Cafe).Topics[0].Words["en"]) {
		t.Error("the café dictionary changed with the shop's")
	}
	if r, _ := Reset(st, Shop); slices.Contains(r.Topics[r.Index("staff")].Words["it"], "commessi") {
		t.Error("Reset kept the edit")
	}
	if _, ok := st["shop"]; ok {
		t.Error("Reset left the stored shop dictionary")
	}
}
