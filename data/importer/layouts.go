package importer

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"unicode"
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
	case LayoutWenjuanxing:
		return "Wenjuanxing (问卷星)"
	}
	return ""
}

// googleTimestamp holds Google Forms' first header in its languages, in
// NormalizeLabel's form.
var googleTimestamp = normalizedSet("timestamp|отметка времени|laikspiedols|laika zīmogs|informazioni cronologiche|" +
	"时间戳记|時間戳記|zeitstempel|horodateur|marca temporal|carimbo de data/hora|marca de temps|tijdstempel|" +
	"sygnatura czasowa|časová značka|zaman damgası|タイムスタンプ|타임스탬프")

// normalizedSet makes a set of bar-separated names in NormalizeLabel's form.
func normalizedSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, part := range strings.Split(s, "|") {
		m[NormalizeLabel(part)] = true
	}
	return m
}

// detectLayout recognises known exports from their first header row (and
// the rows below it, for Qualtrics' ImportId row).
func detectLayout(h []string, below [][]string) Layout {
	names := make(map[string]bool, len(h))
	for _, c := range h {
		names[strings.ToLower(c)] = true
		if m := limeCode.FindStringSubmatch(c); m != nil { // LimeSurvey's "code. text"
			names[strings.ToLower(m[1])], names[strings.ToLower(m[2])] = true, true
		}
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
		len(below) >= 2 && strings.HasPrefix(strings.TrimSpace(cell(below[1], 0)), `{"ImportId"`),
		// Legacy exports: V1, V2, … over ResponseID, ResponseSet, ….
		strings.EqualFold(cell(h, 0), "V1") && len(below) > 0 && strings.EqualFold(strings.TrimSpace(cell(below[0], 0)), "ResponseID"):
		return LayoutQualtrics
	case has("Respondent ID") && has("Collector ID"), has("RespondentID") && has("CollectorID"),
		// Older or trimmed exports: the ID and a second header row of
		// "Response" under the questions.
		has("RespondentID", "Respondent ID") && len(below) > 0 && rowHas(below[0], "Response", "Open-Ended Response"):
		return LayoutSurveyMonkey
	case len(h) > 0 && h[0] == "#" && (has("Submit Date (UTC)") || has("Network ID")):
		return LayoutTypeform
	case has("submitdate", "lastpage") && has("id", "startlanguage", "seed"),
		has("Response ID") && has("Date submitted") && has("Last page", "Start language"),
		len(h) > 2 && limeSurveyID[NormalizeLabel(h[0])] && (limeSurveyLastPage[NormalizeLabel(h[2])] || limeSurveyLanguage[NormalizeLabel(h[1])]):
		return LayoutLimeSurvey
	case has("Start time") && has("Completion time") && has("ID"):
		return LayoutMicrosoftForms
	case has("Submission Date") && (has("Submission ID", "Submission IP", "Last Update Date") || strings.EqualFold(cell(h, 0), "Submission Date")):
		return LayoutJotform
	case has("_uuid", "_submission_time", "meta/instanceID", "__version__") && has("_id", "_uuid", "_index", "_submission_time"):
		return LayoutKobo
	case has("序号") && has("提交答卷时间", "所用时间", "来自IP", "提交答卷時間", "所用時間", "來自IP"):
		return LayoutWenjuanxing
	case len(h) > 0 && googleTimestamp[NormalizeLabel(h[0])]:
		return LayoutGoogleForms
	}
	return LayoutGeneric
}

// rowHas reports whether a row has one of the values.
func rowHas(row []string, values ...string) bool {
	for _, c := range row {
		for _, v := range values {
			if strings.EqualFold(strings.TrimSpace(c), v) {
				return true
			}
		}
	}
	return false
}

// LimeSurvey's first columns in its export languages ("Full question
// text" headers): response ID, date submitted, last page, start language.
var (
	limeSurveyID       = normalizedSet("id|response id|id de la réponse|id réponse|id de la respuesta|id de respuesta|id risposta|antwort id|id ответа|id odpowiedzi")
	limeSurveySubmit   = normalizedSet("submitdate|date submitted|date de soumission|date d'envoi|fecha de envío|data di invio|data invio|datum abgeschickt|дата отправки|data wysłania")
	limeSurveyLastPage = normalizedSet("lastpage|last page|dernière page|última página|ultima pagina|letzte seite|последняя страница|ostatnia strona")
	limeSurveyLanguage = normalizedSet("startlanguage|start language|langue de départ|langue|idioma inicial|lingua iniziale|start sprache|startsprache|начальный язык|язык|język startowy")
	limeSurveyMetaText = normalizedSet("seed|tête de série|semilla|seme|startwert|zufallsstartwert|date started|date de lancement|fecha de inicio|data di inizio|datum gestartet|" +
		"date last action|date de la dernière action|fecha de la última acción|data ultima azione|datum letzte aktivität|ip address|adresse ip|dirección ip|indirizzo ip|ip adresse|" +
		"referrer url|url référente|url de referencia|url di provenienza|referrer url|total time|temps total")
)

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
		if strings.HasPrefix(strings.TrimSpace(cell(below[0], 0)), `{"ImportId"`) || strings.EqualFold(strings.TrimSpace(cell(below[0], 0)), "ResponseID") {
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
		if legacyCode.MatchString(code) && text != "" {
			h = text // V1 … V10 over ResponseID, StartDate, …
		}
		cols[i] = Column{Index: i, Letter: ColumnLetter(i), Header: h, Top: code, Sub: text}
	}
	return cols
}

var (
	qualtricsDates = nameSet("startdate|enddate|recordeddate")
	qualtricsMeta  = nameSet("startdate|status|ipaddress|progress|duration (in seconds)|finished|responseid|recipientlastname|" +
		"recipientfirstname|recipientemail|externalreference|externaldatareference|locationlatitude|locationlongitude|" +
		"distributionchannel|userlanguage|responsetype|responseset|name|emailaddress|locationaccuracy")
	legacyCode     = regexp.MustCompile(`^V\d+$`)
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
		if legacyCode.MatchString(c.Top) {
			code = h
		}
		return qualtricsMeta[code] || strings.HasPrefix(code, "q_")
	case LayoutLimeSurvey:
		n := NormalizeLabel(c.Header)
		return limeSurveyMeta[h] || limeSurveyID[n] || limeSurveyLastPage[n] || limeSurveyLanguage[n] || limeSurveyMetaText[n] ||
			strings.HasPrefix(h, "grouptime") || strings.HasPrefix(h, "group time:") || strings.HasPrefix(h, "question time:")
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
		return googleMeta[h] // a quiz's score is the guess's to tell from a question called Score
	case LayoutWenjuanxing:
		return wjxMeta[NormalizeLabel(c.Header)]
	}
	return false
}

var (
	wjxMeta = normalizedSet("序号|所用时间|所用時間|来源|来源详情|來源|來源詳情|来自ip|來自ip|总分|總分")
)

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

// indexHeaders are the headers of a row-number column: none (R's row
// names), pandas' "Unnamed: 0", or a number sign.
var indexHeaders = nameSet("|unnamed: 0|n|n.|no|no.|nr|nr.|#|№|n°|index|row|序号|編號|编号|번호|番号|id")

// indexColumn reports whether a first column is a row index: no header
// (or pandas' "Unnamed: 0", "N", "#", "序号"…) and consecutive whole
// numbers from 0 or 1.
func indexColumn(header string, data [][]string) bool {
	if !indexHeaders[strings.ToLower(strings.TrimSpace(header))] {
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
// text as the header; a metadata column keeps its code (submitdate, not
// "Date submitted"), the name other exports use.
func splitLimeSurveyCodes(cols []Column) {
	for i := range cols {
		if limeSurveySubmit[NormalizeLabel(cols[i].Header)] {
			cols[i].Top = "submitdate" // "Date de soumission" and the like
		}
		if m := limeCode.FindStringSubmatch(cols[i].Header); m != nil {
			code := strings.ToLower(m[1])
			cols[i].Top, cols[i].Header = m[1], m[2]
			if limeSurveyMeta[code] || code == "submitdate" {
				cols[i].Header = m[1]
			}
		}
	}
}

var markupTag = regexp.MustCompile(`</?([A-Za-z][A-Za-z0-9]*)(\s[^<>]*)?/?>`)

// stripMarkup removes HTML tags and entities from a header: inline tags
// (<strong>, <em>, <span>) go, line and block tags become a space.
func stripMarkup(s string) string {
	if strings.IndexByte(s, '<') >= 0 {
		s = markupTag.ReplaceAllStringFunc(s, func(tag string) string {
			switch name := strings.ToLower(markupTag.FindStringSubmatch(tag)[1]); name {
			case "br", "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "tr", "td":
				return " "
			}
			return ""
		})
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
	numbered := false // points named 1, 2, 3…: counts must exceed any score
	for i, c := range cols[1:] {
		h := strings.ToLower(c.Header)
		if n, err := strconv.Atoi(h); err == nil && n >= 0 && n <= 10 {
			scale = append(scale, i+1)
			numbered = true
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
			counts = counts || pct || x > 10 || (x > 1 && !numbered)
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

var questionCode = regexp.MustCompile(`^[A-Za-z]{1,6}[0-9]+[A-Za-z0-9_.]*$`)

// codesOverTexts reports whether a header row of question codes (Q1, Q2a,
// Q2d_text) stands over a row of question texts, as 1KA and other tools
// made for statistics packages write them.
func codesOverTexts(codes, texts []string, below [][]string) bool {
	n, code := 0, 0
	for _, c := range codes {
		if c = strings.TrimSpace(c); c != "" {
			n++
			if questionCode.MatchString(c) {
				code++
			}
		}
	}
	if n < 3 || code*10 < n*9 {
		return false
	}
	n = 0
	wordy, data := 0, 0
	for _, t := range texts {
		if t = strings.TrimSpace(t); t != "" {
			n++
			switch {
			case looksLikeData(t) || strings.HasPrefix(t, "=\""):
				data++
			case strings.ContainsRune(t, ' ') || len([]rune(t)) > 15:
				wordy++
			}
		}
	}
	if n < 3 || data*10 > n || wordy*10 < n*6 {
		return false
	}
	// Question texts are each column's own: answers recur below them
	// (Very satisfied, Very satisfied…), and questions mostly differ
	// (a few "Other:" columns of open answers may share a text).
	seen := map[string]bool{}
	recur, same := 0, 0
	for i, t := range texts {
		if t = strings.TrimSpace(t); t == "" {
			continue
		}
		if seen[t] {
			same++
		}
		seen[t] = true
		for _, r := range below {
			if strings.TrimSpace(cell(r, i)) == t {
				recur++
				break
			}
		}
	}
	return recur*10 <= n && same*5 <= n
}

// percentWords are parts of the headers of a results table's columns of
// percentages.
var percentWords = []string{"%", "percent", "процент", "percentuale", "pourcentage", "porcentaje", "prozent", "比例", "百分比", "비율"}

// resultsTable reports whether a file holds a survey's results rather than
// its responses, and names the columns that say so:
//   - columns named CSAT or NPS holding figures no answer has (87, 61, -20);
//   - two or more columns of percentages ("Course content (%)", "Trainers (%)");
//   - a long table: one column cycling through a scale's labels (매우 불만족,
//     불만족, 보통, 만족, 매우 만족, again…) beside a column of figures.
func resultsTable(cols []Column, data [][]string) (string, bool) {
	var rows [][]string
	for _, r := range data {
		if !blank(r) {
			rows = append(rows, r)
		}
	}
	if len(rows) < 2 || len(cols) < 2 {
		return "", false
	}
	numbers := func(i int) (vals []float64, ok bool) {
		for _, r := range rows {
			v := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(cell(r, i)), "%"))
			if v == "" {
				continue
			}
			x, ok := parseDecimal(v)
			if !ok {
				return nil, false
			}
			vals = append(vals, x)
		}
		return vals, len(vals) > 0
	}
	var named []string
	for i, c := range cols {
		h := strings.ToLower(strings.TrimSpace(c.Header))
		words := strings.FieldsFunc(h, func(r rune) bool { return !unicode.IsLetter(r) })
		if len(words) == 0 || len(words) > 3 || (words[0] != "csat" && words[0] != "nps") {
			continue
		}
		// Most values beyond any answer's scale (an answer column may
		// hold a few no-answer codes: -1, 99).
		if vals, ok := numbers(i); ok {
			out := 0
			for _, x := range vals {
				if x > 10 || x < -10 {
					out++
				}
			}
			if out*2 > len(vals) {
				named = append(named, c.Header)
			}
		}
	}
	if len(named) > 0 {
		return strings.Join(named, ", "), true
	}
	var figures []string
	for i, c := range cols {
		h := strings.ToLower(c.Header)
		for _, w := range percentWords {
			if strings.Contains(h, w) {
				if _, ok := numbers(i); ok {
					figures = append(figures, c.Header)
				}
				break
			}
		}
	}
	if len(figures) >= 2 {
		return strings.Join(figures, ", "), true
	}
	// A long table: labels in a cycle, figures beside them.
	for i, c := range cols {
		p := labelCycle(rows, i)
		if p == 0 {
			continue
		}
		// The figures: decimals first (percentages), else counts; a column
		// of years is neither.
		best, bestRank := -1, 0
		for j := range cols {
			if j == i {
				continue
			}
			vals, ok := numbers(j)
			if !ok {
				continue
			}
			rank, years := 0, true
			for _, x := range vals {
				whole := x == float64(int64(x))
				years = years && whole && x >= 1900 && x <= 2100
				switch {
				case !whole:
					rank = 2
				case x > 10 && rank < 1:
					rank = 1
				}
			}
			if !years && rank > bestRank {
				best, bestRank = j, rank
			}
		}
		if best >= 0 {
			return c.Header + ", " + cols[best].Header, true
		}
	}
	return "", false
}

// labelCycle returns the period with which column i repeats the same
// three to seven scale labels in the same order (at least twice), or 0.
func labelCycle(rows [][]string, i int) int {
	for p := 3; p <= 7 && 2*p <= len(rows); p++ {
		seen := map[string]bool{}
		ok, scale := true, false
		for k := 0; k < p && ok; k++ {
			v := strings.TrimSpace(cell(rows[k], i))
			if v == "" || seen[v] || looksLikeData(v) {
				ok = false
			}
			seen[v] = true
			lv := strings.ToLower(v)
			for _, w := range scaleHeaderWords {
				scale = scale || strings.Contains(lv, w)
			}
		}
		for k := p; k < len(rows) && ok; k++ {
			ok = strings.TrimSpace(cell(rows[k], i)) == strings.TrimSpace(cell(rows[k-p], i))
		}
		if ok && scale {
			return p
		}
	}
	return 0
}
