package paperform

import "csatdesk/data"

// The contact area of a survey that asks its own contact fields
// (data.Survey.Contact): only the fields asked, and "May we contact you?"
// with a Yes and a No box when consent is asked. A survey that asks none
// keeps the area as it always was: name, phone and email.

// consentWords is "May we contact you?" per form language.
var consentWords = map[string]string{
	"en": "May we contact you about your answers?", "ru": "Можно ли связаться с вами по поводу ваших ответов?",
	"lv": "Vai drīkstam ar jums sazināties par jūsu atbildēm?", "it": "Possiamo contattarla riguardo alle sue risposte?",
	"zh_Hans": "我们可以就您的回答与您联系吗？", "zh_Hant": "我們可以就您的回答與您聯繫嗎？",
}

// yesNoWords are the Yes and No boxes' words per form language (the
// words' own Yes and No when set).
var yesNoWords = map[string][2]string{
	"en": {"Yes", "No"}, "ru": {"Да", "Нет"}, "lv": {"Jā", "Nē"}, "it": {"Sì", "No"},
	"zh_Hans": {"可以", "不可以"}, "zh_Hant": {"可以", "不可以"},
}

// contactFields returns which of name, phone and email the contact area
// prints, and whether it asks for consent.
func (f *form) contactFields() (name, phone, email, consent bool) {
	if !f.sv.AsksAnyContact() {
		return true, true, true, false
	}
	return f.sv.AsksContact(data.ContactName), f.sv.AsksContact(data.ContactPhone), f.sv.AsksContact(data.ContactEmail), f.sv.AsksContact(data.ContactConsent)
}

// consentLine returns the question and the Yes and No words in the
// form's language (English when it has none).
func (f *form) consentLine() (q, yes, no string) {
	lang := f.sv.Language
	if _, ok := consentWords[lang]; !ok {
		lang = "en"
		if len(f.sv.Language) >= 2 {
			if _, ok := consentWords[f.sv.Language[:2]]; ok {
				lang = f.sv.Language[:2]
			}
		}
	}
	yn := yesNoWords[lang]
	if f.w.Yes != "" && f.w.No != "" {
		yn = [2]string{f.w.Yes, f.w.No}
	}
	return consentWords[lang], yn[0], yn[1]
}

// drawContactFields draws the fields asked on rows from y in width iw at
// x, with field drawing one labelled line; it returns the height used.
func (f *form) drawContactFields(x, y, iw float64, field func(fx, fy, fw float64, label string)) float64 {
	name, phone, email, consent := f.contactFields()
	var labels []string
	for _, l := range []struct {
		on   bool
		text string
	}{{name, f.w.Name}, {phone, f.w.Phone}, {email, f.w.Email}} {
		if l.on {
			labels = append(labels, l.text)
		}
	}
	h := 0.0
	for i := 0; i < len(labels); i += 2 {
		if i+1 < len(labels) {
			field(x, y+h, iw*0.48, labels[i])
			field(x+iw*0.52, y+h, iw*0.48, labels[i+1])
		} else {
			field(x, y+h, iw, labels[i])
		}
		h += 24
	}
	if consent {
		q, yes, no := f.consentLine()
		p := f.p
		q = p.clean(q)
		p.gray(0.3)
		p.text(x, y+h+8, q, 9)
		bx := x + p.measure(q, 9) + 10
		for _, w := range []string{yes, no} {
			w = p.clean(w)
			p.gray(0.4)
			p.lineWidth(0.6)
			p.box(bx, y+h+6, tickBox, tickBox)
			p.gray(0.2)
			p.text(bx+tickBox+4, y+h+8, w, 9)
			bx += tickBox + 4 + p.measure(w, 9) + 14
		}
		h += 24
	}
	return h
}

// contactRows is the number of rows drawContactFields draws.
func (f *form) contactRows() float64 {
	name, phone, email, consent := f.contactFields()
	n := 0
	for _, on := range []bool{name, phone, email} {
		if on {
			n++
		}
	}
	rows := float64((n + 1) / 2)
	if consent {
		rows++
	}
	return rows
}
