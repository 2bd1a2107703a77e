package app

import (
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"csatdesk/assets"
	"csatdesk/data/bank"
	"csatdesk/data/numfmt"
)

// The UI language.
//
// Fyne 2.7's lang package has no way to pick a language: it matches the
// embedded translation files against the locales of the system, which it
// reads (through github.com/jeandeaual/go-locale) when translations are
// added. On Linux and the BSDs those locales come from the environment:
// LC_ALL, LC_MESSAGES or LANG and then LANGUAGE, which wins unless the
// first of the others is "C" or "POSIX". So a chosen language is applied by
// setting LANGUAGE (and, under a C locale, LC_MESSAGES or LC_ALL) and then
// adding the translations again, which makes lang match anew. That happens
// once, before the window is built: a change in Settings applies at the
// next start. On Windows and macOS go-locale asks the OS, not the
// environment, so there the choice has no effect and the UI follows the
// system language.

// prefLanguage is the preference holding the chosen UI language: a code of
// bank.Languages, or "" to follow the system.
const prefLanguage = "language"

// languageEnv is the POSIX locale written to the environment for each code.
var languageEnv = map[string]string{
	"en":      "en",
	"ru":      "ru_RU",
	"lv":      "lv_LV",
	"it":      "it_IT",
	"zh_Hans": "zh_CN",
	"zh_Hant": "zh_TW",
}

// ApplyLanguagePreference makes the UI speak the language chosen in
// Settings (nothing changes when it follows the system). Call it right after
// the fyne.App is created and before any window is built; it (re)loads the
// translations, so it also works when LoadTranslations was not called.
//
// It also gives the current theme the UI language's font, so windows shown
// before New (such as ErrorWindow) can write Chinese; New's theme takes over
// from there.
func ApplyLanguagePreference(a fyne.App) {
	if err := setLanguage(a.Preferences().String(prefLanguage)); err != nil {
		fyne.LogError("language preference", err)
	}
	a.Settings().SetTheme(withLanguageFont(a.Settings().Theme(), uiLocale()))
}

// setLanguage points the locale environment at code ("" or unknown codes
// leave the system's choice alone) and reloads the translations.
func setLanguage(code string) error {
	env, ok := languageEnv[code]
	if ok && bank.Normalize(string(lang.SystemLocale())) != code {
		if err := os.Setenv("LANGUAGE", env); err != nil {
			return err
		}
		// go-locale ignores LANGUAGE under the C locale: override the
		// variable that names it.
		for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
			val := os.Getenv(v)
			if val == "" {
				continue
			}
			if val == "C" || val == "POSIX" {
				if v == "LANG" {
					v = "LC_MESSAGES"
				}
				if err := os.Setenv(v, env+".UTF-8"); err != nil {
					return err
				}
			}
			break
		}
	}
	if err := LoadTranslations(); err != nil {
		return err
	}
	return addTraditionalChineseRegions()
}

// addTraditionalChineseRegions registers zh_Hant.json again under the
// regions that write traditional Chinese. Fyne 2.7 drops the script when it
// turns the matched tag back into a locale (zh-TW matches zh-Hant, which
// becomes plain "zh", which go-i18n resolves to zh-Hans), so without this a
// Taiwanese system would get simplified Chinese.
func addTraditionalChineseRegions() error {
	b, err := assets.Translations.ReadFile("translations/zh_Hant.json")
	if err != nil {
		return err
	}
	for _, region := range []string{"TW", "HK", "MO"} {
		if err := lang.AddTranslationsForLocale(b, fyne.Locale("zh-"+region)); err != nil {
			return err
		}
	}
	return nil
}

// uiLocale is the language the UI speaks: "en", "ru", "lv", "it",
// "zh_Hans" or "zh_Hant" (English when the system language has no
// translation). Number and date formats, chart labels and the font follow
// it.
func uiLocale() string { return bank.Normalize(string(lang.SystemLocale())) }

// languageSelect picks the UI language: the system's (first) or one of
// bank.Languages, each named in its own language. The choice is saved at
// once and applies at the next start.
func languageSelect(u *UI) *widget.Select {
	opts := []string{lang.L("System")}
	for _, l := range bank.Languages {
		opts = append(opts, l.Name)
	}
	sel := widget.NewSelect(opts, nil)
	sel.SetSelectedIndex(0)
	cur := u.app.Preferences().String(prefLanguage)
	for i, l := range bank.Languages {
		if l.Code == cur {
			sel.SetSelectedIndex(i + 1)
		}
	}
	sel.OnChanged = func(string) {
		code := ""
		if i := sel.SelectedIndex(); i > 0 {
			code = bank.Languages[i-1].Code
		}
		u.app.Preferences().SetString(prefLanguage, code)
	}
	return sel
}

// languageFormItem is the Settings row for the language: the Select with a
// hint that the change needs a restart.
func languageFormItem(u *UI) *widget.FormItem {
	item := widget.NewFormItem(lang.L("Language"), languageSelect(u))
	item.HintText = lang.L("The language changes when you restart CSAT Desk")
	return item
}

// Numbers and dates are written through data/numfmt, as the charts and the
// command line write them, in the UI language's style.

// numbers is the UI language's number style.
func numbers() numfmt.Format { return numfmt.For(uiLocale()) }

// fmtNumber formats v with prec decimals, with the decimal comma where the
// UI language uses one; NaN is "–".
func fmtNumber(v float64, prec int) string { return numbers().Number(v, prec) }

// fmtPercent formats a percentage the way the window's sentences write one
// ("Promoters {{.P}} %"), a space before the sign in every language:
// "78.4 %", "78,4 %"; NaN is "–".
func fmtPercent(v float64) string { return numbers().SpacedPercent(v, 1) }

// fmtSigned formats a change with its sign: "+2.1", "−0.4" (a real minus
// sign), no sign when it rounds to zero.
func fmtSigned(v float64, prec int) string { return numbers().Signed(v, prec) }

// fmtCount formats a count with its thousands grouped as the UI language
// writes them: "1,000,000", "1.000.000" in Italian, "1 000 000" in Russian
// and Latvian (a no-break space: a wrapping label must not split a number).
func fmtCount(n int) string { return numbers().Count(int64(n)) }

// fmtDate writes a date the way the UI language does: "1 Sep 2025",
// "1.09.2025" (Russian, Latvian), "01/09/2025" (Italian) or "2025年9月1日"
// (Chinese).
func fmtDate(t time.Time) string { return fmtDateIn(uiLocale(), t) }

// fmtDateIn is fmtDate for the language code.
func fmtDateIn(code string, t time.Time) string { return numfmt.For(code).Date(t) }

// Fyne's own words.
//
// Fyne's dialogs and widgets translate their words (the "Error" title of
// an error dialog, OK, Yes, No, the file dialog's buttons) through lang.L,
// from Fyne's files, which have no Latvian or Italian. Our translation
// files carry those keys too, in every language, and lang.L finds them
// there: fyneWords lists them so the translation test knows they are
// used. The Select's "(Select one)" is a constant Fyne never translates:
// translatePlaceholders sets it on every Select of a screen.
var fyneWords = []string{
	lang.L("Error"), lang.L("OK"), lang.L("Yes"), lang.L("No"), lang.L("Open"), lang.L("Save"),
	lang.L("File"), lang.L("Folder"), lang.L("Enter filename"), lang.L("New Folder"),
	lang.L("Create Folder"), lang.L("Show Hidden Files"), lang.L("Favourites"), lang.L("Confirm"),
	lang.L("Copy"), lang.L("Cut"), lang.L("Paste"), lang.L("Undo"), lang.L("Redo"), lang.L("Select all"),
}

// fyneSelectPlaceholder is what Fyne's Select shows with nothing chosen.
const fyneSelectPlaceholder = "(Select one)"

// translatePlaceholders gives every Select under o that shows Fyne's
// untranslated placeholder the UI language's words. It reaches through
// containers, scrolls, splits, tabs, cards and forms.
func translatePlaceholders(o fyne.CanvasObject) {
	switch x := o.(type) {
	case *widget.Select:
		if x.PlaceHolder == "" || x.PlaceHolder == fyneSelectPlaceholder {
			x.PlaceHolder = lang.L("(Select one)")
			x.Refresh()
		}
	case *fyne.Container:
		for _, k := range x.Objects {
			translatePlaceholders(k)
		}
	case *container.Scroll:
		translatePlaceholders(x.Content)
	case *container.Split:
		translatePlaceholders(x.Leading)
		translatePlaceholders(x.Trailing)
	case *container.AppTabs:
		for _, it := range x.Items {
			translatePlaceholders(it.Content)
		}
	case *widget.Card:
		translatePlaceholders(x.Content)
	case *widget.Form:
		for _, it := range x.Items {
			translatePlaceholders(it.Widget)
		}
	}
}
