package importer

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"csatdesk/data"
)

// rowsCSV builds a CSV: the header, then one row per value of each column,
// the columns cycling through their values; dates added first when date is
// set.
func rowsCSV(n int, date bool, header []string, cols ...[]string) string {
	var b strings.Builder
	if date {
		b.WriteString("Created,")
	}
	b.WriteString(csvLine(header))
	for i := 0; i < n; i++ {
		if date {
			fmt.Fprintf(&b, "2023-09-%02d 10:00:00,", 1+i%28)
		}
		rec := make([]string, len(cols))
		for j, c := range cols {
			rec[j] = c[i%len(c)]
		}
		b.WriteString(csvLine(rec))
	}
	return b.String()
}

func csvLine(rec []string) string {
	out := make([]string, len(rec))
	for i, s := range rec {
		out[i] = `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return strings.Join(out, ",") + "\n"
}

// repeat lists v n times.
func repeat(v string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// TestMicrosoftFormsWordingIsAFivePointScale: Microsoft Forms' satisfaction
// wording (with its trailing spaces) is 5 points, the top two satisfied:
// 96.4 %, not the 65.5 % of reading it as 7 points.
func TestMicrosoftFormsWordingIsAFivePointScale(t *testing.T) {
	var vals []string
	vals = append(vals, repeat("Very satisfied ", 36)...)
	vals = append(vals, repeat("Somewhat satisfied ", 17)...)
	vals = append(vals, "Neither satisfied nor dissatisfied ", "Somewhat dissatisfied")
	csv := "ID,Start time,Completion time,Email,Name,How satisfied are you with the service?\n"
	for i, v := range vals {
		csv += fmt.Sprintf("%d,5/16/2018 12:%02d,5/16/2018 12:%02d,anonymous,,%q\n", i+1, i%60, (i+1)%60, v)
	}
	prop, rep, rs := importCSV(t, csv, nil)
	q := questionOf(t, prop, 5)
	if q.Kind != data.KindRating || q.Max != 5 {
		t.Fatalf("%v 1–%d, want a 1–5 rating", q.Kind, q.Max)
	}
	if prop.Mapping.Columns[2].Target != TargetCollectedAt || prop.Mapping.Columns[1].Target != TargetIgnore {
		t.Fatalf("the completion time is the date: %+v", prop.Mapping.Columns[:3])
	}
	if pct, n := csatOf(prop.Survey, q.ID, rs); pct != 96.4 || n != 55 || rep.Skipped != 0 {
		t.Fatalf("CSAT %.1f %% of %d (skipped %d), want 96.4 %% of 55", pct, n, rep.Skipped)
	}
	// A true 7-point column keeps its 7 points.
	seven := rowsCSV(14, true, []string{"Overall satisfaction"}, []string{"Very satisfied", "Satisfied", "Somewhat satisfied", "Neutral", "Somewhat dissatisfied", "Dissatisfied", "Very dissatisfied"})
	if q := questionOf(t, guessCSV(t, seven), 1); q.Max != 7 {
		t.Fatalf("a 7-point column read as 1–%d", q.Max)
	}
}

// TestLabelScalesOfRealExports: six-point agreement, helpdesk good/bad,
// Spanish and Portuguese wording are read, not refused.
func TestLabelScalesOfRealExports(t *testing.T) {
	cases := []struct {
		name   string
		header string
		values []string
		kind   data.Kind
		csat   float64 // of the values as listed (each once), -1: not checked
		lang   string
	}{
		{"six-point agreement", "The staff were helpful", []string{"Strongly agree", "Agree", "More agree than disagree", "More disagree than agree", "Disagree", "Strongly disagree"}, data.KindCES, 50, "en"},
		{"Zendesk", "Satisfaction", []string{"Good, I'm satisfied", "Good, I'm satisfied", "Good, I'm satisfied", "Bad, I'm unsatisfied"}, data.KindYesNo, 75, "en"},
		{"good/bad", "Rating", []string{"good", "good", "bad", "good"}, data.KindYesNo, 75, "en"},
		{"Help Scout", "Rating", []string{"Great", "Great", "Okay", "Not Good"}, data.KindRating, 50, "en"},
		{"Freshdesk", "Rating", []string{"Extremely happy", "Happy", "Neutral", "Unhappy", "Extremely unhappy"}, data.KindRating, 40, "en"},
		{"Spanish", "¿Qué tan satisfecho está?", []string{"Muy satisfecho", "Satisfecho", "Neutral", "Insatisfecho", "Muy insatisfecho"}, data.KindRating, 40, "es"},
		{"Portuguese", "Qual a sua satisfação?", []string{"Muito satisfeito", "Satisfeito", "Neutro", "Insatisfeito", "Muito insatisfeito"}, data.KindRating, 40, "pt"},
		{"Spanish yes", "¿Volvería?", []string{"Sí", "Sí", "No", "Sí"}, data.KindYesNo, 75, "es"},
		{"Italian yes", "Tornerebbe?", []string{"Sì", "Sì", "No", "Sì"}, data.KindYesNo, 75, "it"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			prop, rep, rs := importCSV(t, rowsCSV(4*len(c.values), true, []string{c.header}, c.values), nil)
			q := questionOf(t, prop, 1)
			if q.Kind != c.kind {
				t.Fatalf("kind %v, want %v", q.Kind, c.kind)
			}
			if rep.Skipped != 0 {
				t.Fatalf("skipped %d: %v", rep.Skipped, rep.Problems)
			}
			if pct, _ := csatOf(prop.Survey, q.ID, rs); c.csat >= 0 && pct != c.csat {
				t.Fatalf("CSAT %.1f %%, want %.1f %%", pct, c.csat)
			}
			if prop.Survey.Language != c.lang {
				t.Fatalf("language %q, want %q", prop.Survey.Language, c.lang)
			}
		})
	}
}

// TestWhatIsNotARatingQuestion: metadata, counts, option codes, 0/1 option
// columns, ranges and a Google Forms quiz score are not rating questions;
// a plain Score column is.
func TestWhatIsNotARatingQuestion(t *testing.T) {
	nums := []string{"1", "2", "3", "4", "5", "3", "4", "5", "2", "1"}
	cases := []struct {
		name   string
		header string
		values []string
		rating bool
	}{
		{"LimeSurvey lastpage", "lastpage", []string{"1", "2", "3"}, false},
		{"Qualtrics progress", "Progress", []string{"100", "50", "100"}, false},
		{"Qualtrics duration", "Duration (in seconds)", []string{"120", "340", "95"}, false},
		{"a count question", "How many times did you visit us this year?", nums, false},
		{"a count question in Italian", "Quante volte ci ha visitato?", nums, false},
		{"an option code", "Which brand do you use most?", nums, false},
		{"ranges of hours", "Hours of sleep", []string{"3-4 hours", "5-6 hours", "7-8 hours", "1-2 hours"}, false},
		{"hours of the day", "t", append(append(repeat("8", 10), append(repeat("9", 10), repeat("10", 10)...)...), "11", "12", "13", "14", "15", "16"), false},
		{"KoboToolbox's internal column", "$edited", nums, false},
		{"pandas' index", "_index", nums, false},
		{"a plain Score column", "Score", nums, true},
		{"a plain Rating column", "Rating", nums, true},
		{"decimals written 5.0", "Overall satisfaction", []string{"5.0", "4.0", "3.0", "2.0", "1.0"}, true},
		{"a satisfaction score next to a count word", "How satisfied were you with the number of staff?", nums, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			prop := guessCSV(t, rowsCSV(40, true, []string{c.header, "Food quality"}, c.values, nums))
			cm := prop.Mapping.Columns[1]
			rating := false
			if cm.Target == TargetQuestion {
				q, _ := prop.Survey.Question(cm.QuestionID)
				rating = q.HasCSAT() || q.Kind == data.KindNPS || q.Kind == data.KindCES
			}
			if rating != c.rating {
				t.Fatalf("%q read as %v (question %d), rating %v, want %v", c.header, cm.Target, cm.QuestionID, rating, c.rating)
			}
		})
	}
	// A Google Forms quiz's score is ignored, the questions are read.
	prop := guessCSV(t, "Timestamp,"+strings.TrimPrefix(rowsCSV(20, true, []string{"Score", "How satisfied are you?"}, []string{"4 / 10", "7 / 10"}, nums), "Created,"))
	if prop.Mapping.Columns[1].Target != TargetIgnore || prop.Mapping.Columns[2].Target != TargetQuestion {
		t.Fatalf("quiz: %+v", prop.Mapping.Columns)
	}
	// A quiz's score written as plain points, where the form puts it.
	prop = guessCSV(t, "Marca temporal,"+strings.TrimPrefix(rowsCSV(20, true, []string{"Puntuación", "¿Está satisfecho?"}, []string{"0", "3", "5"}, nums), "Created,"))
	if prop.Mapping.Columns[1].Target != TargetIgnore {
		t.Fatalf("quiz points read as %v", prop.Mapping.Columns[1].Target)
	}
	// A Google Forms question called Score, answered 1–5 further on, is a
	// question.
	prop = guessCSV(t, "Timestamp,"+strings.TrimPrefix(rowsCSV(20, true, []string{"How satisfied are you?", "Score"}, nums, nums), "Created,"))
	if prop.Mapping.Columns[2].Target != TargetQuestion {
		t.Fatalf("a Score question dropped: %+v", prop.Mapping.Columns[2])
	}
	// 0/1 columns split out of a multiple choice are options; one 0/1
	// question alone is yes/no.
	prop = guessCSV(t, rowsCSV(20, true, []string{"Heard of us from: Friends", "Heard of us from: Web", "Heard of us from: Radio", "How satisfied are you?"},
		[]string{"0", "1"}, []string{"1", "0", "0"}, []string{"0"}, nums))
	for i := 1; i <= 3; i++ {
		if prop.Mapping.Columns[i].Target != TargetIgnore {
			t.Fatalf("option column %d read as %v", i, prop.Mapping.Columns[i].Target)
		}
	}
	if q, _ := prop.Survey.MainCSAT(); q.Text != "How satisfied are you?" {
		t.Fatalf("main question %q", q.Text)
	}
	prop = guessCSV(t, rowsCSV(20, true, []string{"Would you come back?"}, []string{"0", "1", "1"}))
	if q := questionOf(t, prop, 1); q.Kind != data.KindYesNo {
		t.Fatalf("a lone 0/1 question is %v", q.Kind)
	}
}

// TestTheMainQuestionIsTheSatisfactionQuestion: the headline CSAT is the
// question that asks how satisfied, not the first rating column; NPS is the
// recommend question in each language.
func TestTheMainQuestionIsTheSatisfactionQuestion(t *testing.T) {
	nums := []string{"1", "2", "3", "4", "5", "4", "5"}
	ten := []string{"0", "5", "7", "8", "9", "10", "10"}
	cases := []struct{ first, main, nps string }{
		{"How clean was the room?", "Overall, how satisfied were you with your stay?", "How likely are you to recommend us?"},
		{"Rapidez del servicio", "¿Qué tan satisfecho está con nuestro servicio?", "¿Recomendaría nuestro restaurante?"},
		{"Rapidez do atendimento", "Qual o seu nível de satisfação?", "Você nos recomendaria a um amigo?"},
		{"Скорость обслуживания", "Насколько вы довольны обслуживанием?", "Порекомендуете ли вы нас друзьям?"},
		{"Apkalpošanas ātrums", "Cik apmierināts esat kopumā?", "Vai jūs mūs ieteiktu draugiem?"},
		{"Velocità del servizio", "Quanto è soddisfatto del servizio?", "Ci raccomanderebbe a un amico?"},
		{"服务速度", "您对我们的服务满意吗？", "您会向朋友推荐我们吗？"},
		{"服務速度", "您對我們的服務滿意嗎？", "您會向朋友推薦我們嗎？"},
		{"サービスの速さ", "総合的な満足度", "友人にお勧めしますか？"},
		{"서비스 속도", "전반적인 만족도", "친구에게 추천하시겠습니까?"},
		{"Geschwindigkeit", "Wie zufrieden sind Sie insgesamt?", "Würden Sie uns weiterempfehlen?"},
		{"Rapidité", "Êtes-vous satisfait de notre service ?", "Nous recommanderiez-vous ?"},
	}
	for _, c := range cases {
		t.Run(c.main, func(t *testing.T) {
			prop := guessCSV(t, rowsCSV(21, true, []string{c.first, c.nps, c.main}, nums, ten, nums))
			main, ok := prop.Survey.MainCSAT()
			if !ok || main.Text != c.main || prop.Main != main.ID {
				t.Fatalf("main question %q (Proposal.Main %d), want %q", main.Text, prop.Main, c.main)
			}
			if q := questionOf(t, prop, 2); q.Kind != data.KindNPS {
				t.Fatalf("%q is %v, want NPS", c.nps, q.Kind)
			}
			// The columns keep their questions: IDs follow the file.
			if q := questionOf(t, prop, 3); q.Text != c.main {
				t.Fatalf("column D holds %q", q.Text)
			}
		})
	}
	// Without a satisfaction text the first rating question stays main.
	prop := guessCSV(t, rowsCSV(21, true, []string{"Food", "Service"}, nums, nums))
	if main, _ := prop.Survey.MainCSAT(); main.Text != "Food" {
		t.Fatalf("main question %q", main.Text)
	}
}

// TestFreeSentencesAreAComment: a column of sentences is the comment even
// when the file has few rows (it is not a choice question).
func TestFreeSentencesAreAComment(t *testing.T) {
	prop := guessCSV(t, rowsCSV(4, true, []string{"How satisfied are you?", "Anything else?"},
		[]string{"5", "4", "3", "5"},
		[]string{"The coffee was cold and the staff did not notice", "Loved it, will come again", "Too loud on a Friday night", "The coffee was cold and the staff did not notice"}))
	if got := prop.Mapping.Columns[2].Target; got != TargetComment {
		t.Fatalf("sentences read as %v", got)
	}
	// Short repeated words are still a choice.
	prop = guessCSV(t, rowsCSV(12, true, []string{"Visit type"}, []string{"Dine in", "Take away", "Delivery"}))
	if q := questionOf(t, prop, 1); q.Kind != data.KindChoice {
		t.Fatalf("options read as %v", q.Kind)
	}
}

// TestGuessFromAPrefix: a guess from the first rows of a file; answers
// first seen later are reported per row (a no-answer code is blank), never
// fatal.
func TestGuessFromAPrefix(t *testing.T) {
	var b strings.Builder
	b.WriteString("Timestamp,How satisfied are you?\n")
	for i := 0; i < 3000; i++ {
		v := []string{"1", "2", "3", "4", "5"}[i%5]
		switch i {
		case 2500:
			v = "N/A"
		case 2600:
			v = "lovely"
		case 2700:
			v = "7"
		}
		fmt.Fprintf(&b, "2023-09-%02d 10:00:00,%s\n", 1+i%28, v)
	}
	csv := b.String()
	prop := guessCSV(t, csv) // 2000 rows profiled
	q := questionOf(t, prop, 1)
	if q.Kind != data.KindRating || q.Max != 5 {
		t.Fatalf("%v 1–%d", q.Kind, q.Max)
	}
	_, rep, _ := importCSV(t, csv, nil)
	if rep.Imported != 2998 || rep.Skipped != 2 || len(rep.Problems) != 2 || len(rep.NoAnswer) != 1 {
		t.Fatalf("imported %d, skipped %d, problems %v, no answer %v", rep.Imported, rep.Skipped, rep.Problems, rep.NoAnswer)
	}
}

// TestScalesWithoutTheirOwnSize: 0–5 is a 1–5 rating whose 0 is no answer;
// a header's 1–4 or 1–6 is that scale, satisfied from its
// data.DefaultCutoff (3–4 of 4, 5–6 of 6).
func TestScalesWithoutTheirOwnSize(t *testing.T) {
	prop, rep, rs := importCSV(t, rowsCSV(24, true, []string{"Stars given", "Food"}, []string{"0", "1", "2", "3", "4", "5"}, []string{"1", "2", "3", "4", "5"}), nil)
	q := questionOf(t, prop, 1)
	if q.Kind != data.KindRating || q.Max != 5 || rep.Skipped != 0 {
		t.Fatalf("0–5: %v 1–%d, skipped %d", q.Kind, q.Max, rep.Skipped)
	}
	if len(rep.NoAnswer) != 1 || rep.NoAnswer[0].Value != "0" || rep.NoAnswer[0].Count != 4 {
		t.Fatalf("no answer %v", rep.NoAnswer)
	}
	if pct, n := csatOf(prop.Survey, q.ID, rs); n != 20 || pct != 40 {
		t.Fatalf("CSAT %.1f %% of %d", pct, n)
	}
	for _, c := range []struct {
		header string
		vals   []string
		csat   float64
	}{
		{"How satisfied are you? (1-4)", []string{"1", "2", "3", "4"}, 50},
		{"How satisfied are you? (1 to 6)", []string{"1", "2", "3", "4", "5", "6"}, 33.3},
	} {
		prop, rep, rs := importCSV(t, rowsCSV(len(c.vals)*3, true, []string{c.header}, c.vals), nil)
		q := questionOf(t, prop, 1)
		if q.Kind != data.KindRating || q.Max != len(c.vals) || q.SatisfiedFrom != data.DefaultCutoff(1, q.Max) {
			t.Errorf("%q: %v 1–%d satisfied from %d", c.header, q.Kind, q.Max, q.SatisfiedFrom)
		}
		if pct, _ := csatOf(prop.Survey, q.ID, rs); pct != c.csat || rep.Skipped != 0 {
			t.Errorf("%q: CSAT %.1f %%, want %.1f %% (skipped %d)", c.header, pct, c.csat, rep.Skipped)
		}
	}
}

// TestAnswerFormsOfRealExports: option letters, labels in two languages and
// ranges, as real exports write them.
func TestAnswerFormsOfRealExports(t *testing.T) {
	five := data.NewQuestion(data.KindRating, "Q", 5)
	five.Labels = nil
	for in, want := range map[string]int{"b) Satisfied": 4, "a) Very satisfied": 5, "(c) Neutral": 3, "Mauvais / Bad": 2, "Tres Mauvais / Very Bad": 1, "非常认同": 5, "不认同": 2} {
		if v, ok := ParseValue(five, in); !ok || v != want {
			t.Errorf("ParseValue(%q) = %d, %v; want %d", in, v, ok, want)
		}
	}
	for _, in := range []string{"3 ~ 12 months ago", "1 to 3 years", "5 a 10 anni", "2 до 4 часов"} {
		if v, ok := ParseValue(five, in); ok {
			t.Errorf("ParseValue(%q) = %d: a range read as a score", in, v)
		}
	}
	// "Very bad, Bad, Good, Very good, Excellent": good is the middle.
	vals := []string{"Tres Mauvais / Very Bad", "Mauvais / Bad", "Bon / Good", "Tres bon /Very Good", "Excellent /Excellent", "je ne sais pas/ I don't know"}
	prop, rep, rs := importCSV(t, rowsCSV(len(vals)*3, true, []string{"How would you rate the app?"}, vals), nil)
	q := questionOf(t, prop, 1)
	if pct, n := csatOf(prop.Survey, q.ID, rs); pct != 40 || n != 15 || rep.Skipped != 0 || len(rep.NoAnswer) != 1 {
		t.Fatalf("CSAT %.1f %% of %d, skipped %d, no answer %v; want 40 %% of 15", pct, n, rep.Skipped, rep.NoAnswer)
	}
}

// TestNumberingColumns: a column numbering the rows is no question, and a
// numbering with repeats (问卷星's 序号) is no respondent ID.
func TestNumberingColumns(t *testing.T) {
	var rows []string
	for i := 1; i <= 12; i++ {
		rows = append(rows, fmt.Sprint(i))
	}
	prop := guessCSV(t, rowsCSV(12, true, []string{"N", "Overall satisfaction"}, rows, []string{"1", "2", "3", "4", "5"}))
	if prop.Mapping.Columns[1].Target != TargetIgnore {
		t.Fatalf("a row counter read as %v", prop.Mapping.Columns[1].Target)
	}
	_, rep, _ := importCSV(t, rowsCSV(12, true, []string{"序号", "总体满意度"}, []string{"1", "2", "2", "3"}, []string{"1", "2", "3", "4", "5"}), nil)
	if rep.Imported != 12 {
		t.Fatalf("a numbering with repeats refused rows: %+v", rep)
	}
	// R's short names: sat1 is the satisfaction question.
	prop = guessCSV(t, rowsCSV(20, false, []string{"imag1", "expe1", "sat1"}, []string{"1", "2", "3", "4", "5"}, []string{"2", "3", "4", "5", "1"}, []string{"3", "4", "5", "1", "2"}))
	if main, _ := prop.Survey.MainCSAT(); main.Text != "sat1" {
		t.Fatalf("main %q, want sat1", main.Text)
	}
}

// TestHelpdeskExports: Zendesk, Nicereply and Delighted exports keep their
// Score/Rating/Satisfaction column, their comment and their date.
func TestHelpdeskExports(t *testing.T) {
	zendesk := "Ticket ID,Satisfaction,Satisfaction Comment,Created at\n" +
		"101,\"Good, I'm satisfied\",Quick and kind,2024-03-01T10:00:00Z\n" +
		"102,\"Bad, I'm unsatisfied\",Took three days,2024-03-01T11:00:00Z\n" +
		"103,Offered,,2024-03-02T09:00:00Z\n" +
		"104,\"Good, I'm satisfied\",,2024-03-02T10:00:00Z\n" +
		"105,\"Good, I'm satisfied\",Great help,2024-03-03T10:00:00Z\n"
	prop, rep, rs := importCSV(t, zendesk, nil)
	q := questionOf(t, prop, 1)
	if q.Kind != data.KindYesNo || rep.Imported != 5 || len(rep.NoAnswer) != 1 {
		t.Fatalf("Zendesk: %v, report %+v", q.Kind, rep)
	}
	if pct, n := csatOf(prop.Survey, q.ID, rs); pct != 75 || n != 4 {
		t.Fatalf("Zendesk CSAT %.1f %% of %d, want 75 %% of 4", pct, n)
	}
	if prop.Mapping.Columns[0].Target != TargetExternalID || prop.Mapping.Columns[2].Target != TargetComment || prop.Mapping.Columns[3].Target != TargetCollectedAt {
		t.Fatalf("Zendesk columns %+v", prop.Mapping.Columns)
	}
	for _, c := range []struct {
		name, scores string
		kind         data.Kind
	}{
		{"Nicereply", "10,9,8,7,3,10,1,6,9,10", data.KindRating},
		{"Delighted", "10,9,0,7,3,10,1,6,9,10", data.KindNPS},
	} {
		var b strings.Builder
		b.WriteString("Score,Comment,Created\n")
		for i, v := range strings.Split(c.scores, ",") {
			fmt.Fprintf(&b, "%s,%s,2024-03-%02d 10:00\n", v, []string{"", "Thanks for the help and all sorted", ""}[i%3], 1+i)
		}
		prop, rep, _ := importCSV(t, b.String(), nil)
		if q := questionOf(t, prop, 0); q.Kind != c.kind || rep.Imported != 10 {
			t.Errorf("%s: Score is %v (imported %d), want %v", c.name, q.Kind, rep.Imported, c.kind)
		}
		if prop.Mapping.Columns[1].Target != TargetComment || prop.Mapping.Columns[2].Target != TargetCollectedAt {
			t.Errorf("%s columns %+v", c.name, prop.Mapping.Columns)
		}
	}
}

// A header of question codes over question texts (1KA) brings the
// negative no-answer codes of such tools: a column of 1–3 codes with -2
// for "skipped" is a choice of three, not required, and -2 is no answer.
func TestCodedHeaderNegativeCodesAreNoAnswer(t *testing.T) {
	csv := "Q1;Q2;Q3\n" +
		"Kako bi ocenili svojo prehrano?;Kje najpogosteje jeste?;Drugo: kaj?\n" +
		"=\"4\";=\"1\";=\"-2\"\n=\"5\";=\"2\";=\"-2\"\n=\"3\";=\"3\";=\"menza\"\n=\"4\";=\"-1\";=\"-2\"\n=\"2\";=\"1\";=\"-2\"\n"
	f, err := Open("coded.csv", strings.NewReader(csv), int64(len(csv)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if !f.Source.Coded || f.Source.HeaderRows != 2 {
		t.Fatalf("Coded %v, header rows %d: want a coded two-row header", f.Source.Coded, f.Source.HeaderRows)
	}
	p, err := Scan(f, 0)
	if err != nil {
		t.Fatal(err)
	}
	prop, err := Guess(f.Source, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(prop.Mapping.NoAnswer, "-2") {
		t.Errorf("no-answer list %v lacks the coded -2", prop.Mapping.NoAnswer)
	}
	for _, q := range prop.Survey.Questions {
		if slices.Contains(q.Choices, "-1") || slices.Contains(q.Choices, "-2") {
			t.Errorf("question %q offers a no-answer code as a choice: %v", q.Text, q.Choices)
		}
		if q.Text == "Kje najpogosteje jeste?" && q.Required {
			t.Errorf("%q is required though one row skipped it (-1)", q.Text)
		}
	}
	prop.Mapping.DefaultDate = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	rep, err := Run(f, prop.Survey, prop.Mapping, func(data.Response) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if rep.Imported != 5 || rep.Skipped != 0 {
		t.Errorf("imported %d, skipped %d (%v), want 5 and 0", rep.Imported, rep.Skipped, rep.Problems)
	}
	codes := 0
	for _, v := range rep.NoAnswer {
		if v.Value == "-1" || v.Value == "-2" {
			codes += v.Count
		}
	}
	if codes != 5 {
		t.Errorf("no-answer counts %v: want the five -1/-2 cells counted", rep.NoAnswer)
	}
}
