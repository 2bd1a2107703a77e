package app

import (
	"encoding/json"
	"io/fs"
	"path"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"golang.org/x/image/font/sfnt"

	"csatdesk/assets"
	"csatdesk/data/bank"
)

// translationFiles reads every assets/translations/*.json by language code.
func translationFiles(t *testing.T) map[string]map[string]any {
	t.Helper()
	files, err := fs.Glob(assets.Translations, "translations/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no translation files: %v", err)
	}
	out := map[string]map[string]any{}
	for _, f := range files {
		b, err := assets.Translations.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var tr map[string]any
		if err := json.Unmarshal(b, &tr); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[strings.TrimSuffix(path.Base(f), ".json")] = tr
	}
	return out
}

func TestI18nEveryLanguageHasATranslationFile(t *testing.T) {
	files := translationFiles(t)
	for _, l := range bank.Languages {
		if _, ok := files[l.Code]; !ok {
			t.Errorf("no assets/translations/%s.json for %s", l.Code, l.Name)
		}
	}
}

// TestI18nPluralFormsFollowCLDR checks that every counted message has
// exactly the plural categories go-i18n asks for in its language.
func TestI18nPluralFormsFollowCLDR(t *testing.T) {
	want := map[string]string{
		"en":      "one,other",
		"ru":      "few,many,one,other",
		"lv":      "one,other,zero",
		"it":      "one,other",
		"zh_Hans": "other",
		"zh_Hant": "other",
	}
	for code, tr := range translationFiles(t) {
		for k, v := range tr {
			m, ok := v.(map[string]any)
			if !ok {
				continue
			}
			var cats []string
			for c := range m {
				cats = append(cats, c)
			}
			sort.Strings(cats)
			if got := strings.Join(cats, ","); got != want[code] {
				t.Errorf("%s.json %q: plural forms {%s}, want {%s}", code, k, got, want[code])
			}
		}
	}
}

// TestI18nFontCoversEveryTranslation: the bundled font has a glyph for
// every character the translations use, so the UI never shows boxes.
func TestI18nFontCoversEveryTranslation(t *testing.T) {
	f, err := sfnt.Parse(assets.FontTTF)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	for code, tr := range translationFiles(t) {
		missing := map[rune]string{}
		for k, v := range tr {
			for _, s := range values(v) {
				for _, r := range s {
					if unicode.IsSpace(r) || unicode.IsControl(r) {
						continue
					}
					if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
						missing[r] = k
					}
				}
			}
		}
		for r, k := range missing {
			t.Errorf("%s.json: %s has no glyph for %q U+%04X (in %q)", code, assets.FontName, r, r, k)
		}
	}
}

func TestI18nFmtDate(t *testing.T) {
	day := time.Date(2025, 9, 1, 15, 4, 0, 0, time.UTC)
	late := time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		code      string
		day, late string
	}{
		{"en", "1 Sep 2025", "31 Dec 2026"},
		{"ru", "1.09.2025", "31.12.2026"},
		{"lv", "1.09.2025", "31.12.2026"},
		{"it", "01/09/2025", "31/12/2026"},
		{"zh_Hans", "2025年9月1日", "2026年12月31日"},
		{"zh_Hant", "2025年9月1日", "2026年12月31日"},
		{"xx", "1 Sep 2025", "31 Dec 2026"},
	} {
		if got := fmtDateIn(c.code, day); got != c.day {
			t.Errorf("fmtDateIn(%s, 2025-09-01) = %q, want %q", c.code, got, c.day)
		}
		if got := fmtDateIn(c.code, late); got != c.late {
			t.Errorf("fmtDateIn(%s, 2026-12-31) = %q, want %q", c.code, got, c.late)
		}
	}
	if got := fmtDate(day); got != fmtDateIn(uiLocale(), day) {
		t.Errorf("fmtDate = %q, not the UI language's %q", got, fmtDateIn(uiLocale(), day))
	}
}

// withLocaleEnv sets the locale environment for one test and reloads the
// translations when it is restored.
func withLocaleEnv(t *testing.T, env map[string]string) {
	t.Helper()
	t.Cleanup(func() { _ = setLanguage("") }) // runs after the env is restored
	for _, v := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		t.Setenv(v, env[v])
	}
}

// TestI18nLanguagePreferenceOverridesTheSystem: the language chosen in
// Settings wins over the system's at the next start, also under LANG=C.
func TestI18nLanguagePreferenceOverridesTheSystem(t *testing.T) {
	files := translationFiles(t)
	for _, sys := range []map[string]string{
		{"LANG": "en_US.UTF-8"},
		{"LANG": "ru_RU.UTF-8", "LANGUAGE": "ru"},
		{"LC_ALL": "C"},
		{"LANG": "C"},
		{},
	} {
		for _, l := range bank.Languages {
			t.Run(l.Code, func(t *testing.T) {
				withLocaleEnv(t, sys)
				a := test.NewTempApp(t)
				a.Preferences().SetString(prefLanguage, l.Code)
				ApplyLanguagePreference(a)
				if got := uiLocale(); got != l.Code {
					t.Fatalf("system %v, chose %s: uiLocale() = %s", sys, l.Code, got)
				}
				want := "Save settings"
				if s, ok := files[l.Code]["Save settings"].(string); ok {
					want = s
				}
				if got := lang.L("Save settings"); got != want {
					t.Errorf("system %v, chose %s: %q, want %q", sys, l.Code, got, want)
				}
			})
		}
	}
}

func TestI18nSystemLanguageIsKeptWithoutAPreference(t *testing.T) {
	withLocaleEnv(t, map[string]string{"LANG": "lv_LV.UTF-8"})
	a := test.NewTempApp(t)
	ApplyLanguagePreference(a)
	if got := uiLocale(); got != "lv" {
		t.Errorf("uiLocale() = %s, want lv", got)
	}
	if got := lang.L("Settings"); got != "Iestatījumi" {
		t.Errorf("Settings = %q in Latvian", got)
	}
}

// TestI18nPluralsInEachLanguage spot-checks go-i18n's choice of form.
func TestI18nPluralsInEachLanguage(t *testing.T) {
	for _, c := range []struct {
		env   string
		n     int
		want  string
		chose string
	}{
		{"ru_RU.UTF-8", 1, "1 ответ", "ru"},
		{"ru_RU.UTF-8", 3, "3 ответа", "ru"},
		{"ru_RU.UTF-8", 5, "5 ответов", "ru"},
		{"ru_RU.UTF-8", 21, "21 ответ", "ru"},
		{"lv_LV.UTF-8", 1, "1 atbilde", "lv"},
		{"lv_LV.UTF-8", 2, "2 atbildes", "lv"},
		{"lv_LV.UTF-8", 10, "10 atbildes", "lv"},
		{"it_IT.UTF-8", 1, "1 risposta", "it"},
		{"it_IT.UTF-8", 2, "2 risposte", "it"},
		{"zh_CN.UTF-8", 2, "2 条回复", "zh_Hans"},
		{"zh_TW.UTF-8", 2, "2 筆回覆", "zh_Hant"},
		{"zh_HK.UTF-8", 2, "2 筆回覆", "zh_Hant"},
		{"zh_SG.UTF-8", 2, "2 条回复", "zh_Hans"},
		{"en_GB.UTF-8", 2, "2 responses", "en"},
	} {
		t.Run(c.env, func(t *testing.T) {
			withLocaleEnv(t, map[string]string{"LANG": c.env})
			if err := setLanguage(""); err != nil {
				t.Fatal(err)
			}
			if got := uiLocale(); got != c.chose {
				t.Errorf("uiLocale() = %s, want %s", got, c.chose)
			}
			if got := lang.N("{{.Count}} response", c.n, map[string]any{"Count": c.n}); got != c.want {
				t.Errorf("%d: %q, want %q", c.n, got, c.want)
			}
		})
	}
}

func TestI18nLanguageSelectSavesTheChoice(t *testing.T) {
	a := test.NewTempApp(t)
	u := &UI{app: a}
	a.Preferences().SetString(prefLanguage, "lv")
	sel := languageSelect(u)
	if len(sel.Options) != len(bank.Languages)+1 {
		t.Fatalf("options %v", sel.Options)
	}
	if sel.Selected != "Latviešu" {
		t.Errorf("selected %q, want Latviešu", sel.Selected)
	}
	sel.SetSelected("繁體中文")
	if got := a.Preferences().String(prefLanguage); got != "zh_Hant" {
		t.Errorf("preference %q, want zh_Hant", got)
	}
	sel.SetSelectedIndex(0)
	if got := a.Preferences().String(prefLanguage); got != "" {
		t.Errorf("preference %q, want \"\" (system)", got)
	}
	if item := languageFormItem(u); item.HintText == "" {
		t.Error("the language row does not say the change needs a restart")
	}
}
