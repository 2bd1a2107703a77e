package webform

import (
	"crypto/sha256"
	"encoding/base64"
	"html"
	"strconv"
	"strings"

	"csatdesk/data"
)

// keyMarker marks the page's words as translation keys: the window's
// translation files hold them (app/translations_test.go collects every
// lang.L key of the module), and data/translate looks them up in the
// survey's language when a page is written.
type keyMarker struct{}

// L returns its key; the page translates it later.
func (keyMarker) L(key string) string { return key }

var lang keyMarker

// The page's words (keys = English text).
var (
	msgSend       = lang.L("Send")
	msgOptional   = lang.L("optional")
	msgThanks     = lang.L("Thank you!")
	msgSaved      = lang.L("Your answer was saved. You can close this page.")
	msgTitleError = lang.L("Sorry")
	msgExpired    = lang.L("This link has expired. Please scan the code again.")
	msgAgain      = lang.L("You have just answered — thank you! You can answer again in a minute.")
	msgBusy       = lang.L("Too many answers at once. Please try again in a moment.")
	msgMalformed  = lang.L("The answer could not be read. Please go back and try again.")
	msgTooLong    = lang.L("The answer is too long.")
	msgReplay     = lang.L("This form was already sent. Thank you!")
	msgNotSaved   = lang.L("The answer could not be saved. Please tell the staff.")
)

// pageMarker is in every survey page (SelfTest looks for it).
const pageMarker = `<form method="post"`

// style is the page's only styling, allowed by its hash in the CSP.
const style = `*{box-sizing:border-box}body{margin:0;font:18px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f6f8;color:#1b1f23}` +
	`main{max-width:34em;margin:0 auto;padding:16px}h1{font-size:1.4em;margin:.4em 0 .8em}` +
	`fieldset{border:0;background:#fff;border-radius:12px;margin:0 0 14px;padding:14px;box-shadow:0 1px 3px #0002}` +
	`legend{float:left;width:100%;font-weight:600;margin-bottom:10px}.r,.c{clear:both}.r{display:flex;flex-wrap:wrap;gap:8px}` +
	`.r label{flex:1 1 0;min-width:3em}.c label{display:block;margin:6px 0}` +
	`input[type=radio]{position:absolute;opacity:0;width:1px;height:1px}` +
	`label>span{display:block;text-align:center;padding:12px 4px;border:2px solid #c6ccd2;border-radius:10px;background:#fff;font-size:1.15em}` +
	`.c label>span{text-align:left;padding:12px}` +
	`input:checked+span{background:#1565c0;border-color:#1565c0;color:#fff}input:focus-visible+span{outline:3px solid #f9a825}` +
	// Faces drawn with CSS (no emoji font needed): a disc, two eyes, a mouth.
	`.f{display:block;position:relative;width:2.2em;height:2.2em;margin:0 auto 6px;border-radius:50%}` +
	`.f::before{content:"";position:absolute;width:.26em;height:.26em;border-radius:50%;background:#222;top:.7em;left:.6em;box-shadow:.74em 0 #222}` +
	`.f::after{content:"";position:absolute;left:.5em;width:1.2em;border:.14em solid transparent}` +
	`.f1{background:#e53935}.f2{background:#fb8c00}.f3{background:#fdd835}.f4{background:#9ccc65}.f5{background:#43a047}` +
	`.f1::after,.f2::after{border-top-color:#222;border-radius:1em 1em 0 0;top:1.35em}.f1::after{height:.55em}.f2::after{height:.35em;top:1.45em}` +
	`.f3::after{height:0;border-top-color:#222;top:1.45em}` +
	`.f4::after,.f5::after{border-bottom-color:#222;border-radius:0 0 1em 1em}.f4::after{height:.35em;top:1.2em}.f5::after{height:.55em;top:1.1em}` +
	`.e{display:flex;justify-content:space-between;font-size:.85em;color:#59636e;margin-top:6px;clear:both}` +
	`textarea{width:100%;min-height:5em;font:inherit;padding:10px;border:2px solid #c6ccd2;border-radius:10px;clear:both;display:block}` +
	`button{width:100%;padding:16px;font:inherit;font-size:1.2em;font-weight:600;color:#fff;background:#2e7d32;border:0;border-radius:12px}` +
	`.m{background:#fff;border-radius:12px;padding:24px;text-align:center;margin-top:20vh;box-shadow:0 1px 3px #0002}.m p{font-size:1.1em}` +
	`.m .f{font-size:2em}small{color:#59636e;font-weight:400}`

// csp allows the inline style above and a form posting to the page itself.
var csp = func() string {
	h := sha256.Sum256([]byte(style))
	return "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(h[:]) +
		"'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
}()

func (s *Server) head(b *strings.Builder, title string) {
	code := strings.ReplaceAll(s.tr.Language(), "_", "-")
	b.WriteString(`<!DOCTYPE html><html lang="`)
	b.WriteString(html.EscapeString(code))
	b.WriteString(`"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
		`<meta name="referrer" content="no-referrer"><title>`)
	b.WriteString(html.EscapeString(title))
	b.WriteString(`</title><style>` + style + `</style></head><body><main>`)
}

// formPage is the survey form with a fresh nonce, posting to tok's route.
func (s *Server) formPage(tok string) []byte {
	sv := &s.cfg.Survey
	var b strings.Builder
	b.Grow(4096)
	title := sv.Name
	s.head(&b, title)
	if sv.Business != "" {
		b.WriteString(`<h1>` + html.EscapeString(sv.Business) + `<br><small>` + html.EscapeString(sv.Name) + `</small></h1>`)
	} else {
		b.WriteString(`<h1>` + html.EscapeString(sv.Name) + `</h1>`)
	}
	b.WriteString(pageMarker + ` action="/f/` + html.EscapeString(tok) + `">`)
	b.WriteString(`<input type="hidden" name="n" value="` + html.EscapeString(s.newNonce()) + `">`)
	for _, q := range sv.Active() {
		s.question(&b, q)
	}
	b.WriteString(`<button type="submit">` + html.EscapeString(s.tr.Text(msgSend, nil)) + `</button></form></main></body></html>`)
	return []byte(b.String())
}

// question writes one fieldset.
func (s *Server) question(b *strings.Builder, q data.Question) {
	name := "q" + strconv.FormatUint(uint64(q.ID), 10)
	req := ""
	if q.RequiredIn(0) {
		req = " required"
	}
	b.WriteString(`<fieldset><legend>` + html.EscapeString(q.Text))
	if req == "" {
		b.WriteString(` <small>(` + html.EscapeString(s.tr.Text(msgOptional, nil)) + `)</small>`)
	}
	b.WriteString(`</legend>`)
	switch {
	case !q.Numeric():
		b.WriteString(`<textarea name="` + name + `" maxlength="1000"></textarea>`)
	case q.Kind == data.KindChoice || q.Kind == data.KindYesNo:
		b.WriteString(`<div class="c">`)
		for v := q.Min; v <= q.Max; v++ {
			label := q.Label(v)
			if label == "" {
				label = strconv.Itoa(v)
			}
			s.radio(b, name, v, req, html.EscapeString(label))
			req = "" // one required radio is enough
		}
		b.WriteString(`</div>`)
	default:
		b.WriteString(`<div class="r">`)
		five := q.Kind == data.KindRating && q.Points() == 5
		for v := q.Min; v <= q.Max; v++ {
			text := strconv.Itoa(v)
			if five {
				text = `<i class="f f` + strconv.Itoa(v-q.Min+1) + `" aria-hidden="true"></i>` + text
			}
			aria := html.EscapeString(q.Label(v))
			s.radioAria(b, name, v, req, text, aria)
			req = ""
		}
		b.WriteString(`</div>`)
		lo, hi := q.Label(q.Min), q.Label(q.Max)
		if lo != "" || hi != "" {
			b.WriteString(`<div class="e"><span>` + html.EscapeString(lo) + `</span><span>` +
				html.EscapeString(hi) + `</span></div>`)
		}
	}
	b.WriteString(`</fieldset>`)
}

func (s *Server) radio(b *strings.Builder, name string, v int, req, inner string) {
	s.radioAria(b, name, v, req, inner, "")
}

func (s *Server) radioAria(b *strings.Builder, name string, v int, req, inner, aria string) {
	b.WriteString(`<label><input type="radio" name="` + name + `" value="` + strconv.Itoa(v) + `"` + req)
	if aria != "" {
		b.WriteString(` aria-label="` + strconv.Itoa(v) + ` ` + aria + `"`)
	}
	b.WriteString(`><span>` + inner + `</span></label>`)
}

func (s *Server) thanksPage() []byte {
	return s.messagePage(s.tr.Text(msgThanks, nil), s.tr.Text(msgSaved, nil), true)
}

// messagePage is a page with a title and one sentence.
func (s *Server) messagePage(title, msg string, happy bool) []byte {
	var b strings.Builder
	s.head(&b, title)
	b.WriteString(`<div class="m">`)
	if happy {
		b.WriteString(`<i class="f f5" aria-hidden="true"></i>`)
	}
	b.WriteString(`<h1>` + html.EscapeString(title) + `</h1><p>` + html.EscapeString(msg) + `</p></div></main></body></html>`)
	return []byte(b.String())
}
