// Package translate writes data.Problems in one of CSAT Desk's languages
// outside the window — for the command line's --lang — from the same
// translation files the window reads (assets/translations, keys = English
// text), without Fyne. Only the simple {{.Name}} placeholders the problems
// use are filled in; plural forms take their "other" text.
//
//	tr, err := translate.For("ru")
//	fmt.Println(tr.Problem(p)) // "Вопрос 3 «Скорость»: 6 вне шкалы 1–5"
package translate

import (
	"encoding/json"
	"fmt"

	"csatdesk/assets"
	"csatdesk/data"
	"csatdesk/data/bank"
)

// Translator writes problems in one language.
type Translator struct {
	code  string
	texts map[string]string // English key → translation
}

// For returns the translator of a language code ("en", "ru", "lv", "it",
// "zh_Hans", "zh_Hant", or a locale such as "ru_RU.UTF-8" or "zh-TW");
// unknown languages get English.
func For(code string) (*Translator, error) {
	c := bank.Normalize(code)
	t := &Translator{code: c}
	if c == "en" {
		return t, nil
	}
	b, err := assets.Translations.ReadFile("translations/" + c + ".json")
	if err != nil {
		return nil, fmt.Errorf("translations for %s: %w", c, err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("translations for %s: %w", c, err)
	}
	t.texts = make(map[string]string, len(raw))
	for k, v := range raw {
		var s string
		if json.Unmarshal(v, &s) == nil {
			t.texts[k] = s
			continue
		}
		var forms map[string]string
		if json.Unmarshal(v, &forms) == nil && forms["other"] != "" {
			t.texts[k] = forms["other"]
		}
	}
	return t, nil
}

// Language returns the language code t writes ("en", "ru", …).
func (t *Translator) Language() string { return t.code }

// Problem writes p in t's language; parts of it that are problems of their
// own are translated too, and a kind without a translation stays English.
func (t *Translator) Problem(p data.Problem) string {
	args := make(data.Args, len(p.Args))
	for k, v := range p.Args {
		if sub, ok := v.(data.Problem); ok {
			args[k] = t.Problem(sub)
		} else {
			args[k] = v
		}
	}
	tmpl := string(p.Kind)
	if s, ok := t.texts[tmpl]; ok && s != "" {
		tmpl = s
	}
	return data.Render(tmpl, args)
}

// Error writes err in t's language when it carries a problem
// (data.ProblemOf), else as its own words.
func (t *Translator) Error(err error) string {
	if p, ok := data.ProblemOf(err); ok {
		return t.Problem(p)
	}
	return err.Error()
}

// Text returns the translation of key (English text, as the window's lang.L
// takes it) with its {{.Name}} placeholders filled from args; a key without
// a translation stays English.
func (t *Translator) Text(key string, args data.Args) string {
	tmpl := key
	if s, ok := t.texts[key]; ok && s != "" {
		tmpl = s
	}
	if len(args) == 0 {
		return tmpl
	}
	return data.Render(tmpl, args)
}
