package data

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestParseConsentReadsYesAndNoInEveryLanguage(t *testing.T) {
	cases := map[string]Consent{
		"Yes": ConsentYes, "yes, you may contact me": ConsentYes, "1": ConsentYes, "✓": ConsentYes, "Да": ConsentYes, "Jā": ConsentYes,
		"Sì": ConsentYes, "是": ConsentYes, "可以": ConsentYes,
		"No": ConsentNo, "no thanks": ConsentNo, "0": ConsentNo, "Нет": ConsentNo, "Nē": ConsentNo, "否": ConsentNo, "不可以": ConsentNo,
		"": ConsentUnknown, "maybe": ConsentUnknown,
	}
	for in, want := range cases {
		if got := ParseConsent(in); got != want {
			t.Errorf("ParseConsent(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestContactCleanTrimsAndCuts(t *testing.T) {
	c := Contact{Name: "  Anna\t Bērziņa \n", Email: strings.Repeat("x", 300), Consent: 5}.Clean()
	if c.Name != "Anna Bērziņa" || len([]rune(c.Email)) != MaxContactLen || c.Consent != ConsentUnknown {
		t.Fatalf("%+v", c)
	}
	if !(Contact{Name: " "}.Clean()).Empty() {
		t.Fatal("a blank name is not empty")
	}
	if (Contact{Phone: "1", Consent: ConsentNo}).Reachable() || !(Contact{Email: "a@b"}).Reachable() {
		t.Fatal("Reachable")
	}
}

func TestOldSurveysDecodeWithoutContactFieldsAndNewOnesKeepThem(t *testing.T) {
	var old Survey
	if err := json.Unmarshal([]byte(`{"id":1,"name":"Old","version":2,"questions":[],"next_question_id":1}`), &old); err != nil {
		t.Fatal(err)
	}
	if old.AsksAnyContact() {
		t.Fatal("an old survey asks contacts")
	}
	b, _ := json.Marshal(old)
	if strings.Contains(string(b), "contact") {
		t.Fatalf("an old survey's JSON changed: %s", b)
	}
	sv := Survey{Name: "New"}
	sv.SetContactFields([]ContactField{ContactConsent, "fax", ContactName, ContactName})
	if len(sv.Contact) != 2 || sv.Contact[0] != ContactName || sv.Contact[1] != ContactConsent {
		t.Fatalf("SetContactFields: %v", sv.Contact)
	}
	// Revise carries the contact fields and does not bump the version for them.
	sv.AddQuestion(NewQuestion(KindRating, "Overall", 5))
	sv.Version = 1
	old2 := sv
	old2.Contact = nil
	rev, err := Revise(old2, sv, true)
	if err != nil || rev.Bumped || len(rev.Survey.Contact) != 2 {
		t.Fatalf("Revise: %+v %v", rev, err)
	}
}

func TestFollowUpStateKeepsItsHistory(t *testing.T) {
	at := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	var s FollowUpState
	if s.StatusOrNew() != StatusNew {
		t.Fatal("zero state is not new")
	}
	s = s.Change(StatusContacted, "called", at)
	s = s.Change(StatusResolved, strings.Repeat("n", MaxFollowUpNote+10), at.Add(time.Hour))
	if s.Status != StatusResolved || len([]rune(s.Note)) != MaxFollowUpNote || len(s.History) != 1 || s.History[0].Note != "called" {
		t.Fatalf("%+v", s)
	}
	for i := 0; i < MaxFollowUpHistory+5; i++ {
		s = s.Change(StatusNew.Next(), "", at)
	}
	if len(s.History) != MaxFollowUpHistory {
		t.Fatalf("history of %d", len(s.History))
	}
	if StatusResolved.Next() != StatusResolved || StatusNew.Next() != StatusContacted || FollowUpStatus("x").Valid() {
		t.Fatal("Next/Valid")
	}
}

func TestFollowUpRuleNamesEachQuestionOnce(t *testing.T) {
	sv := Survey{}
	sv.AddQuestion(NewQuestion(KindRating, "Overall", 5))
	sv.AddQuestion(NewQuestion(KindNPS, "Recommend", 0))
	r := FollowUpRule{CSAT: true, NPS: true, Answers: []AnswerAtMost{{QuestionID: 1, Max: 3}, {QuestionID: 99, Max: 5}}}
	ok, why := r.Match(&Response{Answers: map[uint32]int{1: 1, 2: 0}}, &sv, false)
	if !ok || len(why) != 2 || why[0].Question.ID != 1 || why[1].Question.ID != 2 {
		t.Fatalf("%v %+v", ok, why)
	}
	if ok, _ := (FollowUpRule{CSAT: true, NeedSomething: true}).Match(&Response{Answers: map[uint32]int{1: 1}}, &sv, true); !ok {
		t.Fatal("a contact is something to act on")
	}
	if ok, _ := (FollowUpRule{CSAT: true, NeedSomething: true}).Match(&Response{Answers: map[uint32]int{1: 1}}, &sv, false); ok {
		t.Fatal("nothing to act on, yet listed")
	}
	if ok, _ := DefaultFollowUpRule().Match(&Response{Answers: map[uint32]int{1: 3, 2: 7}, Comment: "meh"}, &sv, false); ok {
		t.Fatal("a neutral passive is listed")
	}
}
