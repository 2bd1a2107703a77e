package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"csatdesk/assets"
)

// Fonts.
//
// Fyne 2.7 draws text with the theme's font, then its own default font
// (Noto Sans, no CJK glyphs), then whatever system font fontscan finds for
// a missing glyph. On a machine without CJK system fonts Chinese would come
// out as boxes, so for a Chinese UI the theme's font is the bundled
// WenQuanYi Micro Hei (assets.FontTTF, a single .ttf; Fyne cannot read the
// .ttc collection). It has Latin and Cyrillic too, so mixed text keeps one
// look. It has no bold face: bold Chinese text is drawn regular.

// cjkFont is assets.FontTTF as a Fyne resource.
var cjkFont = fyne.NewStaticResource(assets.FontName, assets.FontTTF)

// needsCJKFont reports whether the UI language code is written in Chinese
// characters.
func needsCJKFont(code string) bool { return code == "zh_Hans" || code == "zh_Hant" }

// fontFor is the font of style s for the UI language code: the bundled CJK
// font for Chinese (except monospace and symbol text, which keep Fyne's
// fonts), Fyne's default font otherwise.
func fontFor(code string, s fyne.TextStyle) fyne.Resource {
	if needsCJKFont(code) && !s.Monospace && !s.Symbol {
		return cjkFont
	}
	return theme.DefaultTheme().Font(s)
}

// languageFontTheme wraps a theme so its text font suits the UI language.
type languageFontTheme struct {
	fyne.Theme
	code string
}

// withLanguageFont returns t with the font for the UI language code
// (t itself when the language needs no font of its own).
func withLanguageFont(t fyne.Theme, code string) fyne.Theme {
	if !needsCJKFont(code) {
		return t
	}
	return &languageFontTheme{Theme: t, code: code}
}

func (t *languageFontTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return t.Theme.Font(s)
	}
	return fontFor(t.code, s)
}
