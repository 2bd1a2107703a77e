package importer

import (
	"strings"
	"testing"
)

// Header rows as the tools write them (quoted from real exports).
const (
	qualtricsCSV = `StartDate,EndDate,Status,IPAddress,Progress,Duration (in seconds),Finished,RecordedDate,ResponseId,RecipientLastName,RecipientFirstName,RecipientEmail,ExternalReference,LocationLatitude,LocationLongitude,DistributionChannel,UserLanguage,Q1,Q2,Q3
Start Date,End Date,Response Type,IP Address,Progress,Duration (in seconds),Finished,Recorded Date,Response ID,Recipient Last Name,Recipient First Name,Recipient Email,External Data Reference,Location Latitude,Location Longitude,Distribution Channel,User Language,How satisfied are you with our service?,How likely are you to recommend us to a friend or colleague?,Any other comments?
"{""ImportId"":""startDate"",""timeZone"":""America/Denver""}","{""ImportId"":""endDate"",""timeZone"":""America/Denver""}","{""ImportId"":""status""}","{""ImportId"":""ipAddress""}","{""ImportId"":""progress""}","{""ImportId"":""duration""}","{""ImportId"":""finished""}","{""ImportId"":""recordedDate"",""timeZone"":""America/Denver""}","{""ImportId"":""_recordId""}","{""ImportId"":""recipientLastName""}","{""ImportId"":""recipientFirstName""}","{""ImportId"":""recipientEmail""}","{""ImportId"":""externalDataReference""}","{""ImportId"":""locationLatitude""}","{""ImportId"":""locationLongitude""}","{""ImportId"":""distributionChannel""}","{""ImportId"":""userLanguage""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2""}","{""ImportId"":""QID3_TEXT""}"
2023-09-01 10:00:00,2023-09-01 10:05:00,IP Address,203.0.113.5,100,300,True,2023-09-01 10:05:01,R_1abcDEF,,,,,39.7392,-104.9903,anonymous,EN,Very satisfied,9,Great coffee
2023-09-02 11:00:00,2023-09-02 11:03:00,IP Address,203.0.113.6,100,180,True,2023-09-02 11:03:02,R_2abcDEF,,,,,39.7392,-104.9903,anonymous,EN,Dissatisfied,4,Slow
`
	limeCodesCSV = `id,submitdate,lastpage,startlanguage,seed,startdate,datestamp,ipaddr,refurl,G01Q01,G01Q02
1,2023-09-01 10:05:01,2,en,123456,2023-09-01 10:00:00,2023-09-01 10:05:01,203.0.113.5,,A1,Nice
2,,1,en,654321,2023-09-02 11:00:00,2023-09-02 11:00:30,203.0.113.6,,A3,
`
	limeTextCSV = `id. Response ID,submitdate. Date submitted,lastpage. Last page,startlanguage. Start language,seed. Seed,G01Q01. How satisfied are you with our service?,G01Q02. Comments
1,2023-09-01 10:05:01,2,en,123456,Very satisfied (A1),Nice
`
	msFormsCSV = `ID,Start time,Completion time,Email,Name,How satisfied are you with our service?,Any comments?
1,9/1/23 10:00:00,9/1/23 10:05:00,anonymous,,Very satisfied ,Great
2,9/2/23 11:00:00,9/2/23 11:03:00,anonymous,,Somewhat dissatisfied,Slow
`
	monkeyOldCSV = `RespondentID,CollectorID,StartDate,EndDate,IP Address,Email Address,First Name,LastName,Custom Data,How satisfied are you?
,,,,,,,,,Response
11223344,5566,09/01/2023 10:00:00 AM,09/01/2023 10:05:00 AM,203.0.113.5,,,,,Very satisfied
`
	typeformHTMLCSV = `#,<strong>How satisfied</strong> are you with <em>our service</em>?,What could we do <strong>better</strong>?<br>Tell us &amp; we fix it,Start Date (UTC),Submit Date (UTC),Network ID
a1b2c3,5,Nothing,2023-09-01 10:00:00,2023-09-01 10:05:00,f00ba4
`
	jotformCSV = `Submission Date,Full Name,How satisfied are you with our service?,Comments,Submission ID
"Sep 1, 2023",Ann,Very satisfied,Great,5600000000000000001
`
	koboCSV = `start,end,today,deviceid,How satisfied are you?,Comment,_id,_uuid,_submission_time,_validation_status,_notes,_status,_submitted_by,__version__,_tags,_index
2023-09-01T10:00:00.000+02:00,2023-09-01T10:05:00.000+02:00,2023-09-01,enketo.org:abc,5,ok,101,3f1c0a2e-1111-2222-3333-444455556666,2023-09-01T08:05:10,,,submitted_via_web,,vAbCdEf,,1
`
	rRowNamesCSV = `"","date","satisfaction","comment"
"1","2023-09-01",5,"ok"
"2","2023-09-02",4,"fine"
"3","2023-09-03",2,"slow"
`
	pandasCSV = `Unnamed: 0,date,score
0,2023-09-01,5
1,2023-09-02,4
`
	qualtricsLegacyCSV = "\ufeffV1,V2,V3,V4,V5,V6,V7,V8,V9,V10,Q1,Q2,LocationLatitude,LocationLongitude,LocationAccuracy,\n" +
		"ResponseID,ResponseSet,Name,ExternalDataReference,EmailAddress,IPAddress,Status,StartDate,EndDate,Finished,This is a multiple choice question.,This is a free text question.,LocationLatitude,LocationLongitude,LocationAccuracy,\n" +
		"R_2YPOQ602ER1jkf1,Standard-Antwortsatz,Anonym,,,130.92.34.66,0,2017-07-18 08:28:09,2017-07-18 08:28:48,1,2,Hello World!,47.115097045898,7.2315979003906,-1,\n"
	limeFrenchCSV = `ID de la réponse,Date de soumission,Dernière page,Langue de départ,Tête de série,Date de lancement,Date de la dernière action,Adresse IP,URL référente,Comment evaluez-vous votre experience ?
113,2022-08-22 13:52:28,1,fr,1503249853,2022-08-22 13:35:04,2022-08-22 13:52:27,41.243.17.48,,Bon / Good
`
	monkeyStarWarsCSV = `RespondentID,Have you seen any of the 6 films in the Star Wars franchise?,Do you consider yourself to be a fan of the Star Wars film franchise?
,Response,Response
3292879998,Yes,Yes
`
	oneKACSV = "\ufeffQ1;Q2a;Q2b;Q3;Q4;\n" +
		"Kako pogosto na teden koristite študentske subvencionirane obroke? ;Restavracije s hitro prehrano (Mcdonalds, Ajda, Kebab…) ;Študentska menza  ;Kolikokrat na teden jeste doma pripravljeno hrano?;Kako bi ocenili svojo splošno prehrano?;\n" +
		"=\"2\";=\"1\";=\"1\";=\"5\";=\"6\";\n=\"3\";=\"0\";=\"1\";=\"4\";=\"-2\";\n"
	numberedXLSXLikeCSV = `N,Nome,Esperienza Complessiva
1,Marco,Molto soddisfatto
2,Federico,Soddisfatto
3,Sara,Neutrale
`
	gformsPortugueseCSV = `Carimbo de data/hora,Quão satisfeito você está?
2021/08/10 12:08:56 PM GMT-3,5
`
	wjxCSV = `序号,提交答卷时间,所用时间,来源,来源详情,来自IP,1、您对我们的服务满意吗？,2、意见
1,2024/3/1 10:01:10,120秒,手机提交,直接访问,1.2.3.4(上海),非常满意,很好
2,2024/3/1 11:00:00,95秒,微信,N/A,5.6.7.8(北京),满意,
`
	gformsQuizCSV  = "\ufeffMarca temporal,Puntuación,1. ¿Tienes perro o gato?,2. ¿Cuántas mascotas tienes?\n4/30/2023 12:11:19,0,Sí,1\n"
	pandasBlankCSV = `,date,score
0,2023-09-01,5
1,2023-09-02,4
`
)

func TestOpenRecognisesTheLayoutsOfRealExports(t *testing.T) {
	cases := []struct {
		name     string
		in       string
		layout   Layout
		rows     int      // header rows
		headers  []string // some headers, by column: "C=…"
		meta     string   // letters of the Meta columns
		firstRow int      // the first data row's number
	}{
		{"Qualtrics with its ImportId row", qualtricsCSV, LayoutQualtrics, 3,
			[]string{"A=StartDate", "B=EndDate", "H=RecordedDate", "R=How satisfied are you with our service?", "S=How likely are you to recommend us to a friend or colleague?"},
			"A C D E F G I J K L M N O P Q", 4},
		{"LimeSurvey with codes", limeCodesCSV, LayoutLimeSurvey, 1, []string{"B=submitdate", "J=G01Q01"}, "A C D E F G H I", 2},
		{"LimeSurvey with code. text", limeTextCSV, LayoutLimeSurvey, 1,
			[]string{"A=id", "B=submitdate", "F=How satisfied are you with our service?", "G=Comments"}, "A C D E", 2},
		{"Microsoft Forms", msFormsCSV, LayoutMicrosoftForms, 1, []string{"C=Completion time"}, "A B D E", 2},
		{"SurveyMonkey's RespondentID without a space", monkeyOldCSV, LayoutSurveyMonkey, 2, []string{"J=How satisfied are you?"}, "A B C E F G H I", 3},
		{"Typeform with HTML in its headers", typeformHTMLCSV, LayoutTypeform, 1,
			[]string{"B=How satisfied are you with our service?", "C=What could we do better? Tell us & we fix it"}, "D F", 2},
		{"Jotform", jotformCSV, LayoutJotform, 1, []string{"A=Submission Date"}, "E", 2},
		{"KoboToolbox", koboCSV, LayoutKobo, 1, []string{"I=_submission_time"}, "A B C D G H J K L M N O P", 2},
		{"R's row names", rRowNamesCSV, LayoutGeneric, 1, []string{"A=", "B=date"}, "A", 2},
		{"pandas' index", pandasCSV, LayoutGeneric, 1, nil, "A", 2},
		{"pandas' index without a name", pandasBlankCSV, LayoutGeneric, 1, nil, "A", 2},
		{"legacy Qualtrics (V1 … over ResponseID …)", qualtricsLegacyCSV, LayoutQualtrics, 2,
			[]string{"A=ResponseID", "H=StartDate", "I=EndDate", "K=This is a multiple choice question."}, "A B C D E F G H J M N O", 3},
		{"LimeSurvey in French", limeFrenchCSV, LayoutLimeSurvey, 1, []string{"B=Date de soumission"}, "A C D E F G H I", 2},
		{"SurveyMonkey's RespondentID alone", monkeyStarWarsCSV, LayoutSurveyMonkey, 2, nil, "A", 3},
		{"question codes over question texts (1KA)", oneKACSV, LayoutGeneric, 2,
			[]string{"A=Kako pogosto na teden koristite študentske subvencionirane obroke?", "E=Kako bi ocenili svojo splošno prehrano?"}, "", 3},
		{"a numbered first column", numberedXLSXLikeCSV, LayoutGeneric, 1, nil, "A", 2},
		{"coded headers over answers, not texts", "q1,q2,q3\nVery satisfied,Somewhat happy,I like it a lot\nVery satisfied,Not happy at all,Too slow for me\nNeutral,Somewhat happy,Fine\n", LayoutGeneric, 1, []string{"A=q1"}, "", 2},
		{"Google Forms in Portuguese", gformsPortugueseCSV, LayoutGoogleForms, 1, nil, "", 2},
		{"Wenjuanxing", wjxCSV, LayoutWenjuanxing, 1, []string{"B=提交答卷时间"}, "A C D E F", 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := openBytes(t, "export.csv", []byte(c.in), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			src := f.Source
			if src.Layout != c.layout || src.HeaderRows != c.rows {
				t.Errorf("layout %s with %d header rows, want %s with %d", src.Layout, src.HeaderRows, c.layout, c.rows)
			}
			if c.layout != LayoutGeneric && c.layout.ProductName() == "" {
				t.Errorf("layout %s has no name to show", c.layout)
			}
			for _, h := range c.headers {
				letter, want, _ := strings.Cut(h, "=")
				for _, col := range src.Columns {
					if col.Letter == letter && col.Header != want {
						t.Errorf("column %s is %q, want %q", letter, col.Header, want)
					}
				}
			}
			var meta []string
			for _, col := range src.Columns {
				if col.Meta {
					meta = append(meta, col.Letter)
				}
			}
			if got := strings.Join(meta, " "); got != c.meta {
				t.Errorf("metadata columns %q, want %q (headers %q)", got, c.meta, src.Headers)
			}
			rows, err := f.Rows()
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			if !rows.Next() || rows.Row() != c.firstRow {
				t.Errorf("first data row %d, want %d (err %v)", rows.Row(), c.firstRow, rows.Err())
			}
			for _, v := range rows.Record() {
				if strings.HasPrefix(v, "=\"") {
					t.Errorf("cell %q keeps Excel's =\"…\" wrapping", v)
				}
			}
		})
	}
}

// Metadata is never guessed as a question: Qualtrics' Progress and
// Duration are numbers a guess would take for scores.
func TestMetadataColumnsAreNotGuessedAsQuestions(t *testing.T) {
	for _, in := range []string{qualtricsCSV, limeCodesCSV, koboCSV, rRowNamesCSV} {
		f, err := openBytes(t, "export.csv", []byte(in), Options{})
		if err != nil {
			t.Fatal(err)
		}
		p, err := Scan(f, 0)
		if err != nil {
			t.Fatal(err)
		}
		prop, err := Guess(f.Source, p, nil)
		if err != nil {
			t.Fatalf("%s: %v", f.Source.Layout, err)
		}
		for _, cm := range prop.Mapping.Columns {
			col := f.Source.Columns[cm.Column]
			if col.Meta && (cm.Target == TargetQuestion || cm.Target == TargetComment) {
				t.Errorf("%s: metadata column %s became a %v", f.Source.Layout, col.Name(), cm.Target)
			}
		}
		f.Close()
	}
}

func TestRepeatedHeadersGetNumbersAndAreRead(t *testing.T) {
	f, err := openBytes(t, "scores.csv", []byte("Date,Score,Score,Score,Comment\n2023-09-01,5,4,3,ok\n2023-09-02,4,4,2,fine\n2023-09-03,1,2,3,no\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := "Date|Score|Score (2)|Score (3)|Comment"
	if got := strings.Join(f.Source.Headers, "|"); got != want {
		t.Fatalf("headers %q, want %q", got, want)
	}
	p, err := Scan(f, 0)
	if err != nil {
		t.Fatal(err)
	}
	prop, err := Guess(f.Source, p, nil)
	if err != nil {
		t.Fatalf("refused: %v", err)
	}
	// Each column is its own question (whether a plain "Score" is one is
	// the guess's to say).
	seen := map[uint32]bool{}
	n := 0
	for _, cm := range prop.Mapping.Columns {
		if cm.Target == TargetQuestion {
			n++
			if seen[cm.QuestionID] {
				t.Errorf("two columns map to question %d", cm.QuestionID)
			}
			seen[cm.QuestionID] = true
		}
	}
	if n < 2 {
		t.Errorf("%d question columns, want the repeated ones read: %+v", n, prop.Mapping.Columns)
	}
}

func TestOldMacLineEndsAreLines(t *testing.T) {
	f, err := openBytes(t, "mac.csv", []byte("Date,Score,Comment\r2023-09-01,5,ok\r2023-09-02,4,\"two\rlines\"\r2023-09-03,3,x\r"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if len(f.Source.Columns) != 3 {
		t.Fatalf("headers %q", f.Source.Headers)
	}
	rows, err := f.Rows()
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		got = append(got, strings.Join(rows.Record(), "|"))
	}
	want := "2023-09-01|5|ok;2023-09-02|4|two\nlines;2023-09-03|3|x"
	if strings.Join(got, ";") != want || rows.Err() != nil {
		t.Errorf("rows %q (err %v), want %q", got, rows.Err(), want)
	}
}
