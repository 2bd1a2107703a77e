package data

import (
	"slices"
	"strings"
	"time"
)

// This file holds the optional contact fields of a survey (name, phone,
// email and "may we contact you?") and the contact a customer left. A
// contact is never part of a Response: the store keeps it apart, keyed by
// the response ID, so that charts, exports and merges of answers never carry
// it by accident and "forget this customer" removes it without touching the
// answers.

// ContactField is one optional contact field a survey may ask.
type ContactField string

// The contact fields, in the order a form shows them.
const (
	ContactName    ContactField = "name"
	ContactPhone   ContactField = "phone"
	ContactEmail   ContactField = "email"
	ContactConsent ContactField = "consent" // "May we contact you?" yes/no
)

// ContactFields lists every contact field in the order forms show them.
var ContactFields = []ContactField{ContactName, ContactPhone, ContactEmail, ContactConsent}

// MaxContactLen is the most characters a contact field keeps.
const MaxContactLen = 200

// AsksContact reports whether s asks contact field f.
func (s *Survey) AsksContact(f ContactField) bool { return slices.Contains(s.Contact, f) }

// AsksAnyContact reports whether s asks at least one contact field.
func (s *Survey) AsksAnyContact() bool { return len(s.Contact) > 0 }

// SetContactFields sets the contact fields s asks to fields, in the
// standard order, without repeats or unknown names.
func (s *Survey) SetContactFields(fields []ContactField) {
	var out []ContactField
	for _, f := range ContactFields {
		if slices.Contains(fields, f) {
			out = append(out, f)
		}
	}
	s.Contact = out
}

// Consent is a customer's answer to "May we contact you?".
type Consent int8

// The consent answers; the zero value means the customer did not say.
const (
	ConsentUnknown Consent = 0
	ConsentYes     Consent = 1
	ConsentNo      Consent = -1
)

// String returns "yes", "no" or "".
func (c Consent) String() string {
	switch c {
	case ConsentYes:
		return "yes"
	case ConsentNo:
		return "no"
	}
	return ""
}

// Contact is what a customer wrote in a response's contact fields. It is
// stored apart from the response (see the file comment).
type Contact struct {
	Name    string  `json:"name,omitempty"`
	Phone   string  `json:"phone,omitempty"`
	Email   string  `json:"email,omitempty"`
	Consent Consent `json:"consent,omitempty"`
	// Updated is when the contact was last written.
	Updated time.Time `json:"updated,omitzero"`
}

// Empty reports whether c holds nothing worth keeping.
func (c Contact) Empty() bool {
	return c.Name == "" && c.Phone == "" && c.Email == "" && c.Consent == ConsentUnknown
}

// Reachable reports whether c gives a way to reach the customer that the
// customer did not refuse: a phone or an email, and consent not "no".
func (c Contact) Reachable() bool {
	return (c.Phone != "" || c.Email != "") && c.Consent != ConsentNo
}

// Clean returns c with its fields trimmed and cut to MaxContactLen
// characters, control characters removed.
func (c Contact) Clean() Contact {
	c.Name, c.Phone, c.Email = cleanContact(c.Name), cleanContact(c.Phone), cleanContact(c.Email)
	if c.Consent != ConsentYes && c.Consent != ConsentNo {
		c.Consent = ConsentUnknown
	}
	return c
}

func cleanContact(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > MaxContactLen {
		s = string(r[:MaxContactLen])
	}
	return s
}

// Get returns the value of field f as text ("yes"/"no" for consent).
func (c Contact) Get(f ContactField) string {
	switch f {
	case ContactName:
		return c.Name
	case ContactPhone:
		return c.Phone
	case ContactEmail:
		return c.Email
	case ContactConsent:
		return c.Consent.String()
	}
	return ""
}

// Set sets field f from text; for consent, ParseConsent reads the text.
func (c *Contact) Set(f ContactField, v string) {
	switch f {
	case ContactName:
		c.Name = v
	case ContactPhone:
		c.Phone = v
	case ContactEmail:
		c.Email = v
	case ContactConsent:
		c.Consent = ParseConsent(v)
	}
}

// consentWords are the answers read as yes and no, in the languages of the
// app (lower case).
var consentWords = map[string]Consent{
	"yes": ConsentYes, "y": ConsentYes, "true": ConsentYes, "1": ConsentYes, "x": ConsentYes, "✓": ConsentYes, "✔": ConsentYes,
	"да": ConsentYes, "jā": ConsentYes, "ja": ConsentYes, "sì": ConsentYes, "si": ConsentYes, "是": ConsentYes, "可以": ConsentYes, "同意": ConsentYes,
	"yes, you may contact me": ConsentYes, "ok": ConsentYes,
	"no": ConsentNo, "n": ConsentNo, "false": ConsentNo, "0": ConsentNo,
	"нет": ConsentNo, "nē": ConsentNo, "ne": ConsentNo, "否": ConsentNo, "不": ConsentNo, "不可以": ConsentNo, "不同意": ConsentNo,
}

// ParseConsent reads a consent answer: yes/no, 1/0, true/false, a tick, and
// yes and no in Russian, Latvian, Italian and Chinese. Anything else is
// ConsentUnknown.
func ParseConsent(s string) Consent {
	s = strings.ToLower(strings.TrimSpace(s))
	if c, ok := consentWords[s]; ok {
		return c
	}
	for _, p := range []string{"yes", "да", "jā", "sì", "si,", "是"} {
		if strings.HasPrefix(s, p) {
			return ConsentYes
		}
	}
	for _, p := range []string{"no", "нет", "nē", "否"} {
		if strings.HasPrefix(s, p) {
			return ConsentNo
		}
	}
	return ConsentUnknown
}
