package bank

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/image/font/sfnt"

	"csatdesk/assets"
	"csatdesk/data"
)

func TestEveryTemplateInEveryLanguageIsAValidSurvey(t *testing.T) {
	for _, l := range Languages {
		for _, tpl := range Templates(l.Code) {
			for _, business := range []string{"", "Café Rīga"} {
				t.Run(l.Code+"/"+tpl.ID+"/"+business, func(t *testing.T) {
					sv := tpl.Survey(l.Code, business)
					if err := sv.Validate(); err != nil {
						t.Fatal(err)
					}
					if sv.Language != l.Code || sv.Business != business || sv.Name != tpl.Name {
						t.Errorf("survey language %q business %q name %q", sv.Language, sv.Business, sv.Name)
					}
					if len(sv.Questions) != tpl.Questions {
						t.Errorf("%d questions, template says %d", len(sv.Questions), tpl.Questions)
					}
					codes := map[string]bool{}
					for _, q := range sv.Questions {
						if q.Code == "" || codes[q.Code] {
							t.Errorf("code %q missing or repeated", q.Code)
						}
						codes[q.Code] = true
					}
					if _, ok := sv.MainCSAT(); !ok {
						t.Error("template has no CSAT question")
					}
				})
			}
		}
	}
}

func TestTheFiveTemplatesExistInEveryLanguageInTheSameOrder(t *testing.T) {
	want := []string{"after_purchase", "after_support", "website", "restaurant", "quarterly_nps"}
	for _, l := range Languages {
		got := Templates(l.Code)
		if len(got) != len(want) {
			t.Fatalf("%s: %d templates, want %d", l.Code, len(got), len(want))
		}
		for i, tpl := range got {
			if tpl.ID != want[i] || strings.TrimSpace(tpl.Name) == "" || strings.TrimSpace(tpl.Description) == "" {
				t.Errorf("%s: template %d = %+v", l.Code, i, tpl)
			}
		}
	}
	if _, ok := firstOfKindIn(Templates("en")[4], data.KindNPS); !ok {
		t.Error("the quarterly template has no NPS question")
	}
}

// firstOfKindIn is a test helper: the first question of kind k in t's survey.
func firstOfKindIn(t Template, k data.Kind) (data.Question, bool) {
	sv := t.Survey("en", "Acme")
	return sv.FirstOfKind(k)
}

func TestSurveysFromTemplatesAreIndependentCopies(t *testing.T) {
	tpl := Templates("en")[0]
	a := tpl.Survey("en", "A")
	a.Questions[0].Labels[0] = "changed"
	a.Questions[0].Text = "changed"
	b := tpl.Survey("en", "A")
	if b.Questions[0].Labels[0] == "changed" || b.Questions[0].Text == "changed" {
		t.Error("editing one survey changed the template")
	}
}

func TestEveryBankHasTheSameItemsInEveryLanguage(t *testing.T) {
	for _, topic := range Topics {
		ref := Bank("en", topic)
		if len(ref) == 0 {
			t.Fatalf("%s: empty English bank", topic)
		}
		for _, l := range Languages {
			got := Bank(l.Code, topic)
			if len(got) != len(ref) {
				t.Errorf("%s/%s: %d items, English has %d", l.Code, topic, len(got), len(ref))
				continue
			}
			for i, q := range got {
				q.ID = uint32(i + 1)
				if err := q.Validate(i + 1); err != nil {
					t.Errorf("%s/%s: %v", l.Code, topic, err)
				}
				if q.Code != ref[i].Code || q.Kind != ref[i].Kind || q.Max != ref[i].Max {
					t.Errorf("%s/%s item %d is %s/%s/%d, English is %s/%s/%d", l.Code, topic, i+1, q.Code, q.Kind, q.Max, ref[i].Code, ref[i].Kind, ref[i].Max)
				}
			}
		}
	}
}

func TestBanksHaveTheItemsOfTheSourceLists(t *testing.T) {
	cases := []struct {
		topic Topic
		n     int
	}{{TopicService, 4}, {TopicWebsite, 6}, {TopicOrder, 4}, {TopicProduct, 5}}
	for _, c := range cases {
		if got := len(Bank("zh_Hant", c.topic)); got != c.n {
			t.Errorf("%s: %d items, want %d", c.topic, got, c.n)
		}
	}
	if Bank("en", "nonsense") != nil {
		t.Error("an unknown topic should give nil")
	}
}

func TestLabelPresetsHaveOneNonEmptyLabelPerPoint(t *testing.T) {
	for _, l := range Languages {
		for _, p := range LabelPresets {
			for _, points := range append(append([]int{}, data.RatingScales...), 11) {
				got := Labels(l.Code, p, points)
				if len(got) != points {
					t.Errorf("%s/%s/%d: %d labels", l.Code, p, points, len(got))
				}
				for i, s := range got {
					if strings.TrimSpace(s) == "" {
						t.Errorf("%s/%s/%d: label %d is empty", l.Code, p, points, i)
					}
				}
				q := data.NewQuestion(data.KindRating, "x", points) // 11: 0–10
				q.ID, q.Labels = 1, got
				if err := q.Validate(1); err != nil {
					t.Errorf("%s/%s/%d: %v", l.Code, p, points, err)
				}
			}
		}
	}
}

func TestLabelsMatchTheDocumentedWording(t *testing.T) {
	cases := []struct {
		lang   string
		preset LabelPreset
		points int
		first  string
		last   string
	}{
		{"en", PresetWords, 5, "Very dissatisfied", "Very satisfied"},
		{"ru", PresetWords, 5, "Очень недоволен", "Очень доволен"},
		{"lv", PresetWords, 5, "Ļoti neapmierināts", "Ļoti apmierināts"},
		{"it", PresetWords, 7, "Molto insoddisfatto", "Molto soddisfatto"},
		{"zh_Hans", PresetWords, 3, "不满意", "满意"},
		{"zh_Hant", PresetWords, 10, "非常不滿意", "非常滿意"},
		{"en", PresetWords, 4, "Very dissatisfied", "Very satisfied"},
		{"ru", PresetWords, 6, "Очень недоволен", "Очень доволен"},
		{"en", PresetEmoji, 4, "😞", "😀"},
		{"xx", PresetWords, 5, "Very dissatisfied", "Very satisfied"},
		{"en", PresetStars, 5, "★", "★★★★★"},
		{"en", PresetEmoji, 5, "😞", "😀"},
		{"en", PresetNumbers, 10, "1", "10"},
		{"en", PresetNumbers, 11, "0", "10"},
		{"en", PresetWords, 11, "Not at all satisfied", "Completely satisfied"},
		{"ru", PresetWords, 11, "Совсем не доволен", "Полностью доволен"},
		{"lv", PresetWords, 11, "Nemaz neapmierināts", "Pilnīgi apmierināts"},
		{"it", PresetWords, 11, "Per niente soddisfatto", "Completamente soddisfatto"},
		{"zh_Hans", PresetWords, 11, "完全不满意", "完全满意"},
		{"zh_Hant", PresetWords, 11, "完全不滿意", "完全滿意"},
		{"en", PresetStars, 11, "0", "10"},
	}
	for _, c := range cases {
		got := Labels(c.lang, c.preset, c.points)
		if got[0] != c.first || got[len(got)-1] != c.last {
			t.Errorf("Labels(%s, %s, %d) runs %q … %q, want %q … %q", c.lang, c.preset, c.points, got[0], got[len(got)-1], c.first, c.last)
		}
	}
	if Labels("en", PresetWords, 0) != nil {
		t.Error("no points should give no labels")
	}
}

func TestNPSAndCESQuestionsAreStandardAndValid(t *testing.T) {
	for _, l := range Languages {
		for _, company := range []string{"", "Acme"} {
			nps := NPSQuestion(l.Code, company)
			ces := CESQuestion(l.Code, company, "")
			for i, q := range []data.Question{nps, ces} {
				q.ID = 1
				if err := q.Validate(i + 1); err != nil {
					t.Errorf("%s: %v", l.Code, err)
				}
				if company != "" && !strings.Contains(q.Text, company) {
					t.Errorf("%s: %q does not name the company", l.Code, q.Text)
				}
			}
			if nps.Labels[0] == "" || nps.Labels[10] == "" || len(nps.Labels) != 11 {
				t.Errorf("%s: NPS end labels %q", l.Code, nps.Labels)
			}
			if ces.SatisfiedFrom != 5 || len(ces.Labels) != 7 {
				t.Errorf("%s: CES cut-off %d labels %d", l.Code, ces.SatisfiedFrom, len(ces.Labels))
			}
		}
	}
	if q := NPSQuestion("en", "Acme"); q.Text != "How likely are you to recommend Acme to a friend or colleague?" || q.Labels[0] != "Not at all likely" || q.Labels[10] != "Extremely likely" {
		t.Errorf("English NPS = %q %q", q.Text, q.Labels)
	}
	if q := CESQuestion("en", "Acme", "return an item."); q.Text != "Acme made it easy for me to return an item." || q.Labels[0] != "Strongly disagree" || q.Labels[6] != "Strongly agree" {
		t.Errorf("English CES = %q %q", q.Text, q.Labels)
	}
}

func TestYesNoLabelsAreNoThenYes(t *testing.T) {
	cases := map[string][2]string{"en": {"No", "Yes"}, "ru": {"Нет", "Да"}, "lv": {"Nē", "Jā"}, "it": {"No", "Sì"}, "zh_Hans": {"否", "是"}, "zh_Hant": {"否", "是"}, "de": {"No", "Yes"}}
	for lang, want := range cases {
		if got := YesNoLabels(lang); len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
			t.Errorf("YesNoLabels(%s) = %q, want %q", lang, got, want)
		}
	}
}

func TestNormalizeMapsCommonTagsAndFallsBackToEnglish(t *testing.T) {
	cases := map[string]string{
		"": "en", "en-GB": "en", "de": "en", "ru_RU": "ru", "LV": "lv", "it-IT": "it",
		"zh": "zh_Hans", "zh-CN": "zh_Hans", "zh_Hans": "zh_Hans", "zh-Hans-CN": "zh_Hans",
		"zh-TW": "zh_Hant", "zh_HK": "zh_Hant", "zh-Hant": "zh_Hant", "zh_Hant_TW": "zh_Hant",
	}
	for in, want := range cases {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// allStrings returns every text the package can produce, except emoji labels
// (the embedded font has no emoji; forms print numbers instead).
func allStrings() map[string][]string {
	out := map[string][]string{}
	for _, l := range Languages {
		var s []string
		s = append(s, l.Name)
		for _, topic := range Topics {
			s = append(s, TopicName(l.Code, topic))
			for _, q := range Bank(l.Code, topic) {
				s = append(append(s, q.Text), q.Labels...)
			}
		}
		for _, tpl := range Templates(l.Code) {
			sv := tpl.Survey(l.Code, "Acme")
			s = append(s, sv.Name, sv.Description)
			for _, q := range sv.Questions {
				s = append(append(append(s, q.Text), q.Labels...), q.Choices...)
			}
		}
		for _, p := range []LabelPreset{PresetNumbers, PresetWords, PresetStars} {
			for _, n := range []int{3, 4, 5, 6, 7, 10, 11} {
				s = append(s, Labels(l.Code, p, n)...)
			}
		}
		s = append(s, YesNoLabels(l.Code)...)
		s = append(s, AgreementLabels(l.Code)...)
		out[l.Code] = s
	}
	return out
}

func TestEveryStringIsCoveredByTheEmbeddedFont(t *testing.T) {
	f, err := sfnt.Parse(assets.FontTTF)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	for lang, texts := range allStrings() {
		missing := map[rune]string{}
		for _, s := range texts {
			for _, r := range s {
				if unicode.IsSpace(r) {
					continue
				}
				if gi, err := f.GlyphIndex(&buf, r); err != nil || gi == 0 {
					missing[r] = s
				}
			}
		}
		for r, s := range missing {
			t.Errorf("%s: %q (U+%04X) in %q has no glyph in the PDF font", lang, r, r, s)
		}
	}
}

func TestNoBankLabelIsEmptyAndNoStringIsPadded(t *testing.T) {
	for lang, texts := range allStrings() {
		for _, s := range texts {
			// NPS middle points are deliberately unlabelled ("").
			if strings.TrimSpace(s) != s {
				t.Errorf("%s: %q is padded", lang, s)
			}
		}
	}
	for _, l := range Languages {
		for _, topic := range Topics {
			for _, q := range Bank(l.Code, topic) {
				for i, lab := range q.Labels {
					if lab == "" {
						t.Errorf("%s/%s/%s: label %d is empty", l.Code, topic, q.Code, i)
					}
				}
			}
		}
	}
}

// TestFourAndSixPointWordsHaveNoMiddle: the 4- and 6-point satisfaction
// wordings are balanced (no "Neutral"), in every language.
func TestFourAndSixPointWordsHaveNoMiddle(t *testing.T) {
	want := map[int][]string{
		4: {"Very dissatisfied", "Dissatisfied", "Satisfied", "Very satisfied"},
		6: {"Very dissatisfied", "Dissatisfied", "Somewhat dissatisfied", "Somewhat satisfied", "Satisfied", "Very satisfied"},
	}
	for n, w := range want {
		if got := Labels("en", PresetWords, n); strings.Join(got, "|") != strings.Join(w, "|") {
			t.Errorf("%d points: %q", n, got)
		}
		for _, l := range Languages {
			neutral := Labels(l.Code, PresetWords, 5)[2]
			for _, s := range Labels(l.Code, PresetWords, n) {
				if s == neutral {
					t.Errorf("%s/%d: %q is the middle of a scale with none", l.Code, n, s)
				}
			}
		}
	}
}

func TestElevenWordLabelsNumberTheMiddle(t *testing.T) {
	got := Labels("en", PresetWords, 11)
	if len(got) != 11 || got[5] != "5" || got[1] != "1" {
		t.Errorf("0–10 word labels %q: want numbers between the end words", got)
	}
}
