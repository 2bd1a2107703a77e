package importer

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"csatdesk/data"
)

// googleFormsContacts is a Google Forms export of a survey with contact
// questions: "Email Address" is the form's own collected email, the rest
// are questions of the form.
const googleFormsContacts = `Timestamp,Email Address,How satisfied were you with your visit?,How likely are you to recommend us to a friend?,Anything we could do better?,Your name,Phone number,May we contact you about your feedback?
9/1/2023 10:01:10,anna@example.com,Very dissatisfied,2,Cold coffee,Anna Bērziņa,+371 2000 0001,"Yes, you may contact me"
9/1/2023 14:22:05,,Satisfied,9,,,,
9/2/2023 09:15:40,li@example.cn,Dissatisfied,5,Slow,Li Wei,,No
`

func contactSurvey(asks []data.ContactField) *data.Survey {
	sv := &data.Survey{ID: 7, Name: "Visit"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "How satisfied were you with your visit?", 5))
	sv.AddQuestion(data.NewQuestion(data.KindNPS, "How likely are you to recommend us to a friend?", 0))
	sv.AddQuestion(data.NewQuestion(data.KindText, "Anything we could do better?", 0))
	sv.SetContactFields(asks)
	return sv
}

func guessContacts(t *testing.T, sv *data.Survey) (*File, Mapping) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "Visit (Responses) - Form responses 1.csv")
	if err := os.WriteFile(path, []byte(googleFormsContacts), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := OpenPath(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	p, err := Scan(f, 0)
	if err != nil {
		t.Fatal(err)
	}
	prop, err := Guess(f.Source, p, sv)
	if err != nil {
		t.Fatal(err)
	}
	prop.Mapping.Loc = time.UTC
	return f, prop.Mapping
}

func TestGoogleFormsContactColumnsMapToTheSurveysContactFields(t *testing.T) {
	sv := contactSurvey(data.ContactFields)
	f, m := guessContacts(t, sv)
	want := map[int]Target{1: TargetContactEmail, 5: TargetContactName, 6: TargetContactPhone, 7: TargetContactConsent, 4: TargetQuestion}
	for _, c := range m.Columns {
		if w, ok := want[c.Column]; ok && c.Target != w {
			t.Errorf("column %s mapped as %s, want %s", c.Name(), c.Target, w)
		}
	}
	if err := m.Validate(sv); err != nil {
		t.Fatal(err)
	}
	conv, err := NewConverter(sv, m)
	if err != nil {
		t.Fatal(err)
	}
	var got []data.Contact
	var comments []string
	_, err = RunWith(t.Context(), f, conv, RunOptions{Take: func(_ int, r data.Response) (Fate, error) {
		got = append(got, conv.LastContact())
		comments = append(comments, r.Comment+r.Texts[3])
		return Fate{}, nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d rows", len(got))
	}
	anna := data.Contact{Name: "Anna Bērziņa", Phone: "+371 2000 0001", Email: "anna@example.com", Consent: data.ConsentYes}
	if got[0] != anna || !got[1].Empty() || got[2].Consent != data.ConsentNo || got[2].Email != "li@example.cn" {
		t.Fatalf("contacts %+v", got)
	}
	for _, c := range comments {
		if c != "" && (c == "anna@example.com" || c == "Anna Bērziņa") {
			t.Fatalf("a contact went into the answers: %q", c)
		}
	}
}

func TestContactColumnsOfASurveyWithoutContactFieldsStayIgnored(t *testing.T) {
	sv := contactSurvey([]data.ContactField{data.ContactEmail})
	_, m := guessContacts(t, sv)
	for _, c := range m.Columns {
		switch c.Column {
		case 1:
			if c.Target != TargetContactEmail {
				t.Errorf("the email column: %s", c.Target)
			}
		case 5, 6, 7:
			if c.Target != TargetIgnore {
				t.Errorf("column %s mapped as %s though the survey does not ask it", c.Name(), c.Target)
			}
		}
	}
}

func TestContactHeaderGuessesInFiveLanguages(t *testing.T) {
	cases := map[string]Target{
		"Email Address": TargetContactEmail, "Адрес электронной почты": TargetContactEmail, "E-pasta adrese": TargetContactEmail,
		"Indirizzo email": TargetContactEmail, "电子邮件地址": TargetContactEmail,
		"Phone number": TargetContactPhone, "Номер телефона": TargetContactPhone, "Tālruņa numurs": TargetContactPhone,
		"Numero di telefono": TargetContactPhone, "手机号码": TargetContactPhone,
		"Name": TargetContactName, "Ваше имя": TargetContactName, "Vārds": TargetContactName, "Nome e cognome": TargetContactName, "姓名": TargetContactName,
		"May we contact you?": TargetContactConsent, "Можно с вами связаться?": TargetContactConsent,
		"Vai drīkstam ar jums sazināties?": TargetContactConsent, "Possiamo contattarla?": TargetContactConsent, "我们可以联系您吗？": TargetContactConsent,
	}
	for h, want := range cases {
		if got := headerRole(LayoutGeneric, Column{Index: 3, Header: h}).target; got != want {
			t.Errorf("%q: %s, want %s", h, got, want)
		}
	}
}
