package importer

import (
	"html"
	"regexp"
	"strconv"
	"strings"
)

// ProductName returns the name of the tool that writes files of layout l
// ("Qualtrics", "Microsoft Forms"), for the wizard to show; "" for our own
// export and for a generic table, which the window describes in words.
func (l Layout) ProductName() string {
	switch l {
	case LayoutGoogleForms:
		return "Google Forms"
	case LayoutSurveyMonkey:
		return "SurveyMonkey"
	case LayoutTypeform:
		return "Typeform"
	case LayoutQualtrics:
		return "Qualtrics"
	case LayoutLimeSurvey:
		return "LimeSurvey"
	case LayoutMicrosoftForms:
		return "Microsoft Forms"
	case LayoutJotform:
		return "Jotform"
	case LayoutKobo:
		return "KoboToolbox / ODK"
	}
	return ""
}

var googleTimestamp = map[string]bool{
	"timestamp": true, "отметка времени": true, "laikspiedols": true, "informazioni cronologiche": true,
	"时间戳记": true, "時間戳記": true, "zeitstempel": true, "horodateur": true, "marca temporal": true,
	"carimbo de data/hora": true, "laika zīmogs": true, "タイムスタンプ": true, "타임스탬프": true,
}

// detectLayout recognises known exports from their first header row (and
// the rows below it, for Qualtrics' ImportId row).
func detectLayout(h []string, below [][]string) Layout {
	names := make(map[string]bool, len(h))
	for _, c := range h {
		names[strings.ToLower(c)] = true
	}
	has := func(n ...string) bool {
		for _, name := range n {
			if names[strings.ToLower(name)] {
				return true
			}
		}
		return false
	}
	switch {
	case len(h) >= 2 && strings.EqualFold(h[0], "response_id") && strings.EqualFold(h[1], "collected_at"):
		return LayoutCSATDesk
	case has("ResponseId", "ResponseID") && has("Finished", "Progress", "RecordedDate", "Duration (in seconds)", "DistributionChannel"),
		len(below) >= 2 && strings.HasPrefix(strings.TrimSpace(cell(below[1], 0)), `{"ImportId"`):
		return LayoutQualtrics
	case has("Respondent ID") && has("Collector ID"), has("RespondentID") && has("CollectorID"):
		return LayoutSurveyMonkey
	case len(h) > 0 && h[0] == "#" && (has("Submit Date (UTC)") || has("Network ID")):
		return LayoutTypeform
	case has("submitdate", "lastpage") && has("id", "startlanguage", "seed"),
		has("Response ID") && has("Date submitted") && has("Last page", "Start language"):
		return LayoutLimeSurvey
	case has("Start time") && has("Completion time") && has("ID"):
		return LayoutMicrosoftForms
	case has("Submission Date") && (has("Submission ID", "Submission IP", "Last Update Date") || strings.EqualFold(cell(h, 0), "Submission Date")):
		return LayoutJotform
	case has("_uuid", "_submission_time", "meta/instanceID", "__version__") && has("_id", "_uuid", "_index", "_submission_time"):
		return LayoutKobo
	case len(h) > 0 && googleTimestamp[NormalizeLabel(h[0])]:
		return LayoutGoogleForms
	}
	return LayoutGeneric
}

// qualtricsHeaderRows counts Qualtrics' header rows: codes, question texts
// and, in newer exports, a row of {"ImportId":…}.
func qualtricsHeaderRows(top []string, below [][]string) int {
	if len(below) >= 2 && strings.HasPrefix(strings.TrimSpace(cell(below[1], 0)), `{"ImportId"`) {
		return 3
	}
	if len(below) >= 1 {
		// Legacy exports: a row of texts under the codes, "Response ID"
		// under ResponseId.
		for i, c := range top {
			if strings.EqualFold(c, "ResponseId") || strings.EqualFold(c, "ResponseID") {
				if t := strings.ToLower(strings.TrimSpace(cell(below[0], i))); t == "response id" || t == "responseid" {
					return 2
				}
			}
		}
		if strings.HasPrefix(strings.TrimSpace(cell(below[0], 0)), `{"ImportId"`) {
			return 2
		}
	}
	return 1
}

// qualtricsColumns names Qualtrics' columns by their question texts (the
// second header row), keeping the codes in Top; metadata columns keep
// their code (RecordedDate, not "Recorded Date"), which other exports use.
func qualtricsColumns(codes, texts []string) []Column {
	width := max(len(codes), len(texts))
	cols := make([]Column, width)
	for i := range cols {
		code, text := cell(codes, i), cleanHeader(cell(texts, i))
		if strings.HasPrefix(text, `{"ImportId"`) {
			text = ""
		}
		h := text
		if h == "" || qualtricsMeta[strings.ToLower(code)] || qualtricsDates[strings.ToLower(code)] {
			h = code
		}
		cols[i] = Column{Index: i, Letter: ColumnLetter(i), Header: h, Top: code, Sub: text}
	}
	return cols
}

var (
	qualtricsDates = nameSet("startdate|enddate|recordeddate")
	qualtricsMeta  = nameSet("startdate|status|ipaddress|progress|duration (in seconds)|finished|responseid|recipientlastname|" +
		"recipientfirstname|recipientemail|externalreference|externaldatareference|locationlatitude|locationlongitude|" +
		"distributionchannel|userlanguage|responsetype")
	limeSurveyMeta = nameSet("id|lastpage|startlanguage|seed|startdate|datestamp|ipaddr|refurl|token|interviewtime|" +
		"response id|last page|start language|date started|date last action|ip address|referrer url|total time")
	msFormsMeta  = nameSet("id|start time|email|name|last modified time|total points|quiz feedback")
	jotformMeta  = nameSet("submission id|submission ip|last update date|submission edit url")
	koboMeta     = nameSet("start|end|today|deviceid|username|simserial|subscriberid|phonenumber|audit")
	monkeyMeta   = nameSet("respondentid|collectorid|startdate|respondent id|collector id|start date|ip address|email address|first name|firstname|last name|lastname")
	typeformMeta = nameSet("start date (utc)|stage date (utc)|network id|response type")
	googleMeta   = nameSet("email address|адрес электронной почты|e-pasta adrese|indirizzo email|电子邮件地址|電子郵件地址")
	anyMeta      = nameSet("ip address|ipaddress|user agent|useragent|latitude|longitude")
)

// nameSet makes a set of lower-case names separated by bars.
func nameSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, part := range strings.Split(s, "|") {
		m[strings.TrimSpace(part)] = true
	}
	return m
}

// isMetaHeader reports whether a header names a producing tool's metadata
// column in layout l.
func isMetaHeader(l Layout, c Column) bool {
	h := strings.ToLower(strings.TrimSpace(c.Header))
	if anyMeta[h] {
		return true
	}
	switch l {
	case LayoutQualtrics:
		code := strings.ToLower(c.Top)
		return qualtricsMeta[code] || strings.HasPrefix(code, "q_")
	case LayoutLimeSurvey:
		return limeSurveyMeta[h] || strings.HasPrefix(h, "grouptime") || strings.HasPrefix(h, "group time:") || strings.HasPrefix(h, "question time:")
	case LayoutMicrosoftForms:
		return msFormsMeta[h] || strings.HasPrefix(h, "points - ") || strings.HasPrefix(h, "feedback - ")
	case LayoutJotform:
		return jotformMeta[h]
	case LayoutKobo:
		if h == "_submission_time" {
			return false
		}
		return koboMeta[h] || strings.HasPrefix(h, "_") || strings.HasPrefix(h, "meta/") || strings.HasPrefix(h, "formhub/")
	case LayoutSurveyMonkey:
		return monkeyMeta[h] || strings.HasPrefix(h, "custom data")
	case LayoutTypeform:
		return typeformMeta[h]
	case LayoutGoogleForms:
		return googleMeta[h]
	}
	return false
}

// markMeta sets Column.Meta for the layout's metadata columns and for an
// index column R or pandas wrote first (header "" or "Unnamed: 0", values
// 1, 2, 3… or 0, 1, 2…).
func markMeta(l Layout, cols []Column, data [][]string) {
	for i := range cols {
		cols[i].Meta = isMetaHeader(l, cols[i])
	}
	if len(cols) > 1 && indexColumn(cols[0].Header, data) {
		cols[0].Meta = true
	}
}

// indexColumn reports whether a first column is a row index: no header
// (or pandas' "Unnamed: 0") and consecutive whole numbers from 0 or 1.
func indexColumn(header string, data [][]string) bool {
	h := strings.ToLower(strings.TrimSpace(header))
	if h != "" && h != "unnamed: 0" {
		return false
	}
	n := 0
	first := -1
	for _, r := range data {
		v := strings.TrimSpace(cell(r, 0))
		if v == "" && blank(r) {
			continue
		}
		k, err := strconv.Atoi(v)
		if err != nil {
			return false
		}
		if first < 0 {
			if k != 0 && k != 1 {
				return false
			}
			first = k
		}
		if k != first+n {
			return false
		}
		n++
	}
	return n > 0
}

// distinctHeaders gives repeated headers a number: Score, Score (2),
// Score (3), so each column can be told apart and mapped.
func distinctHeaders(cols []Column) {
	seen := make(map[string]int, len(cols))
	for i := range cols {
		if cols[i].Header != "" {
			seen[cols[i].Header]++
		}
	}
	count := map[string]int{}
	for i := range cols {
		h := cols[i].Header
		if h == "" || seen[h] < 2 {
			continue
		}
		count[h]++
		if n := count[h]; n > 1 {
			name := h + " (" + strconv.Itoa(n) + ")"
			for seen[name] > 0 {
				n++
				name = h + " (" + strconv.Itoa(n) + ")"
			}
			seen[name]++
			cols[i].Header = name
		}
	}
}

// limeCode matches LimeSurvey's "code. text" headers: G01Q01. How …,
// Q1[SQ001]. [Food] How ….
var limeCode = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_]*(?:\[[^\]]*\])*)\.\s+(\S.*)$`)

// splitLimeSurveyCodes keeps a LimeSurvey question's code in Top and its
// text as the header.
func splitLimeSurveyCodes(cols []Column) {
	for i := range cols {
		if m := limeCode.FindStringSubmatch(cols[i].Header); m != nil {
			cols[i].Top, cols[i].Header = m[1], m[2]
		}
	}
}

var markupTag = regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>`)

// stripMarkup removes HTML tags and entities from a header.
func stripMarkup(s string) string {
	if strings.IndexByte(s, '<') >= 0 {
		s = markupTag.ReplaceAllString(s, " ")
	}
	if strings.IndexByte(s, '&') >= 0 && strings.IndexByte(s, ';') >= 0 {
		s = html.UnescapeString(s)
	}
	return s
}

// scaleHeaderWords are parts of the names of a scale's points, as a
// summary table's column headers show them.
var scaleHeaderWords = []string{"satisf", "agree", "likely", "neutral", "neither", "poor", "good", "excellent", "fair",
	"bad", "average", "very", "somewhat", "strongly", "not at all", "extremely", "terrible", "great", "n/a",
	"доволен", "удовлетвор", "согласен", "apmierin", "soddisf", "d'accordo", "满意", "滿意", "満足", "만족", "zufrieden",
	"satisfait", "satisfecho", "neutre", "neutro", "d'accord", "de acuerdo"}

// aggregateTable reports whether a file is a summary table — one row per
// statement, columns of counts per scale point — and names those columns.
func aggregateTable(cols []Column, data [][]string) (string, bool) {
	if len(cols) < 4 || len(data) == 0 {
		return "", false
	}
	var scale []int
	for i, c := range cols[1:] {
		h := strings.ToLower(c.Header)
		if n, err := strconv.Atoi(h); err == nil && n >= 0 && n <= 10 {
			scale = append(scale, i+1)
			continue
		}
		for _, w := range scaleHeaderWords {
			if strings.Contains(h, w) {
				scale = append(scale, i+1)
				break
			}
		}
	}
	if len(scale) < 3 || len(scale) < len(cols)-3 {
		return "", false
	}
	counts, rowsSeen := false, 0
	for _, r := range data {
		if blank(r) {
			continue
		}
		first := strings.TrimSpace(cell(r, 0))
		if first == "" || looksLikeData(first) {
			return "", false
		}
		for _, i := range scale {
			v := strings.TrimSpace(cell(r, i))
			if v == "" {
				continue
			}
			pct := strings.HasSuffix(v, "%")
			x, ok := parseDecimal(strings.TrimSpace(strings.TrimSuffix(v, "%")))
			if !ok || x < 0 {
				return "", false
			}
			counts = counts || pct || x > 1
		}
		rowsSeen++
	}
	if !counts || rowsSeen == 0 {
		return "", false
	}
	names := make([]string, 0, len(scale))
	for _, i := range scale {
		names = append(names, cols[i].Header)
	}
	return strings.Join(names, ", "), true
}
