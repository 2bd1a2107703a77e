package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"golang.org/x/image/font/sfnt"

	"csatdesk/assets"
)

func TestThemeFontForChineseIsTheBundledFont(t *testing.T) {
	def := theme.DefaultTheme()
	for _, c := range []struct {
		code  string
		style fyne.TextStyle
		want  fyne.Resource
	}{
		{"zh_Hans", fyne.TextStyle{}, cjkFont},
		{"zh_Hant", fyne.TextStyle{Bold: true}, cjkFont},
		{"zh_Hans", fyne.TextStyle{Italic: true}, cjkFont},
		{"zh_Hans", fyne.TextStyle{Monospace: true}, def.Font(fyne.TextStyle{Monospace: true})},
		{"zh_Hant", fyne.TextStyle{Symbol: true}, def.Font(fyne.TextStyle{Symbol: true})},
		{"en", fyne.TextStyle{}, def.Font(fyne.TextStyle{})},
		{"ru", fyne.TextStyle{Bold: true}, def.Font(fyne.TextStyle{Bold: true})},
		{"lv", fyne.TextStyle{}, def.Font(fyne.TextStyle{})},
		{"it", fyne.TextStyle{}, def.Font(fyne.TextStyle{})},
	} {
		if got := fontFor(c.code, c.style); got != c.want {
			t.Errorf("fontFor(%s, %+v) = %s, want %s", c.code, c.style, got.Name(), c.want.Name())
		}
	}
}

func TestThemeWithLanguageFontKeepsTheRest(t *testing.T) {
	base := &variantTheme{variant: 2}
	if withLanguageFont(base, "ru") != fyne.Theme(base) {
		t.Error("a Russian UI should keep the theme as it is")
	}
	th := withLanguageFont(base, "zh_Hant")
	if th.Font(fyne.TextStyle{}) != cjkFont || th.Font(fyne.TextStyle{Bold: true}) != cjkFont {
		t.Error("a Chinese UI should draw text with the bundled font")
	}
	if th.Font(fyne.TextStyle{Monospace: true}) != base.Font(fyne.TextStyle{Monospace: true}) {
		t.Error("monospace text should keep the theme's font")
	}
	if th.Color(theme.ColorNameBackground, theme.VariantLight) != base.Color(theme.ColorNameBackground, theme.VariantLight) {
		t.Error("colours changed")
	}
	if th.Size(theme.SizeNameText) != base.Size(theme.SizeNameText) {
		t.Error("sizes changed")
	}
}

// TestThemeFontIsASingleTrueTypeFace: Fyne reads one face per resource and
// crashes on .ttc collections.
func TestThemeFontIsASingleTrueTypeFace(t *testing.T) {
	if len(assets.FontTTF) < 4 || string(assets.FontTTF[:4]) == "ttcf" {
		t.Fatal("assets.FontTTF is a font collection")
	}
	f, err := sfnt.Parse(cjkFont.Content())
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	for _, r := range "调查問卷 Опрос Aptauja ā ņ ž ★" {
		if r == ' ' {
			continue
		}
		if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
			t.Errorf("no glyph for %q", r)
		}
	}
}

// TestThemeApplyLanguagePreferenceSetsTheFont: windows shown before New
// (the error window) already write Chinese with the bundled font.
func TestThemeApplyLanguagePreferenceSetsTheFont(t *testing.T) {
	for _, c := range []struct {
		code string
		cjk  bool
	}{{"zh_Hans", true}, {"zh_Hant", true}, {"lv", false}} {
		withLocaleEnv(t, map[string]string{"LANG": "en_US.UTF-8"})
		a := test.NewTempApp(t)
		a.Preferences().SetString(prefLanguage, c.code)
		ApplyLanguagePreference(a)
		if got := a.Settings().Theme().Font(fyne.TextStyle{}) == cjkFont; got != c.cjk {
			t.Errorf("%s: theme font is the bundled CJK font: %v, want %v", c.code, got, c.cjk)
		}
	}
}
