package importer

import (
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"csatdesk/data"
)

// MaxDistinct is how many distinct values a Profile keeps per column.
const MaxDistinct = 1000

// maxProfiledBytes: longer values are open text, counted but not kept.
const maxProfiledBytes = 256

// ValueCount is a distinct value of a column and how often it occurs.
type ValueCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// ColumnProfile summarises the values of one column.
type ColumnProfile struct {
	Column
	NonBlank int
	// Values are the distinct trimmed values in order of first appearance,
	// at most MaxDistinct; MoreValues is true when there were more.
	Values     []ValueCount
	MoreValues bool
	// Long counts values too long to keep (open text).
	Long int

	index map[string]int
	dates dateStats
}

// Profile summarises a file's columns, read in one pass, for Guess.
type Profile struct {
	Rows    int
	Columns []ColumnProfile
	// Partial: the profile is of the first rows only (Scan stopped at its
	// limit with more rows to come). Guess then makes no question
	// required, since a blank may come later.
	Partial bool
}

// NewProfile returns an empty profile of the columns of src; fill it with
// Add, or use Scan.
func NewProfile(src Source) *Profile {
	p := &Profile{Columns: make([]ColumnProfile, len(src.Columns))}
	for i, c := range src.Columns {
		p.Columns[i] = ColumnProfile{Column: c, index: map[string]int{}}
	}
	return p
}

// Add counts one data row. Cells beyond the header are not profiled.
func (p *Profile) Add(rec []string) {
	if blank(rec) {
		return
	}
	p.Rows++
	for i := range p.Columns {
		c := &p.Columns[i]
		v := strings.TrimSpace(cell(rec, i))
		if v != "" && v[0] == '=' {
			v = unformula(v)
		}
		if v == "" {
			continue
		}
		c.NonBlank++
		if len(v) > maxProfiledBytes {
			c.Long++
			continue
		}
		if v[0] >= '0' && v[0] <= '9' {
			c.dates.add(v)
		}
		if k, ok := c.index[v]; ok {
			c.Values[k].Count++
			continue
		}
		if len(c.Values) >= MaxDistinct {
			c.MoreValues = true
			continue
		}
		c.index[v] = len(c.Values)
		c.Values = append(c.Values, ValueCount{Value: strings.Clone(v), Count: 1})
	}
}

// Scan profiles the first maxRows data rows of f (all when maxRows <= 0).
func Scan(f *File, maxRows int) (*Profile, error) {
	p := NewProfile(f.Source)
	rows, err := f.Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	n := 0
	for ; (maxRows <= 0 || n < maxRows) && rows.Next(); n++ {
		p.Add(rows.Record())
	}
	if maxRows > 0 && n == maxRows && rows.Next() {
		p.Partial = true
	}
	return p, rows.Err()
}

// Unmapped lists the answers of a question column that have no score yet;
// the user assigns them in ColumnMap.ValueMap (or leaves those rows out).
type Unmapped struct {
	Column     int          `json:"column"`
	Header     string       `json:"header"`
	QuestionID uint32       `json:"question"`
	Values     []ValueCount `json:"values"`
}

// Proposal is Guess's answer, for the user to confirm or correct.
type Proposal struct {
	Mapping Mapping
	// Survey is the survey made from the file when Guess was given none.
	Survey *data.Survey
	// Unmapped lists answers with no score, per column.
	Unmapped []Unmapped
	// DateAmbiguous: the dates could be read day first or month first;
	// ask the user (Mapping.DateOrder holds the likelier).
	DateAmbiguous bool
	// NoDate: no column holds the date. Ask for one date for every row
	// (Mapping.DefaultDate; the file's own date is a good default).
	NoDate bool
	// Incomplete counts the profiled rows a survey tool marks as not
	// finished (a blank LimeSurvey submitdate): ask whether to include them
	// (Mapping.Incomplete; they are left out by default).
	Incomplete int
	// NoAnswer lists, per question column, the answers read as "no
	// answer" (Mapping.NoAnswer) in the profiled rows.
	NoAnswer []Unmapped
	// Main is the question Guess took for the survey's main satisfaction
	// question (0 when none): it is the survey's first rating question, so
	// data.Survey.MainCSAT and the dashboard's headline figure use it.
	Main uint32
	// Notes explain choices the user may want to revisit.
	Notes Notes
}

// Header words, normalised with NormalizeLabel, by what the column holds.
var (
	dateWords = words("timestamp|date|datetime|date time|time|submitted|date submitted|submit date|submitted at|collected at|collected_at|end date|completed|completed at|created|created at|visit date|" +
		"submitdate|submission date|submission time|_submission_time|completion time|enddate|recordeddate|recorded date|datestamp|date last action|end time|end|start|startdate|start date|start time|started|date started|date created|created date|creation date|rated at|survey date|response date|" +
		"carimbo de data/hora|carimbo de data hora|data hora|marca temporal|fecha|fecha y hora|horodateur|horodatage|date et heure|zeitstempel|datum|zeit|tijdstempel|sygnatura czasowa|laika zīmogs|laikspiedols|" +
		"时间戳|時間戳記|时间戳记|タイムスタンプ|타임스탬프|提交时间|提交時間|提交日期|作答时间|答题时间|" +
		"дата|дата и время|дата заполнения|время|отметка времени|дата визита|datums|laiks|datums un laiks|laikspiedols|apmeklējuma datums|data|data e ora|informazioni cronologiche|data visita|日期|时间|時間|时间戳记|時間戳記|提交时间|提交時間")
	channelWords = words("channel|source channel|канал|kanāls|canale|渠道")
	formWords    = words("form number|form no|form #|form|form_number|paper form|номер анкеты|анкета|№ анкеты|anketas numurs|anketas nr|anketa|numero modulo|modulo|n modulo|表单编号|问卷编号|問卷編號")
	idWords      = words("id|respondent id|response id|respondent|external id|ext id|ticket|ticket id|order id|id ответа|номер ответа|respondenta id|atbildes id|id risposta|编号|序号|編號")
	commentWords = words("comment|comments|remarks|notes|note|feedback|other comments|additional comments|any other comments|suggestions|комментарий|комментарии|отзыв|пожелания|замечания|komentārs|komentāri|piezīmes|atsauksme|ieteikumi|commento|commenti|note|suggerimenti|osservazioni|评论|备注|意见|留言|建议|評論|備註|意見|建議")
	ignoreWords  = words("email address|email|e mail|ip address|first name|last name|name|phone|telephone|network id|start date utc|stage date utc|response type|user agent|collector id|tags|ending|total score|quiz score|" +
		"lastpage|last page|startlanguage|start language|seed|refurl|ipaddr|ip|progress|progress %|duration|duration in seconds|duration seconds|time taken|time spent|finished|response status|" +
		"distribution channel|userlanguage|user language|recipient last name|recipient first name|recipient email|external data reference|location latitude|location longitude|latitude|longitude|" +
		"_uuid|uuid|_index|_validation_status|_submitted_by|__version__|instanceid|meta instanceid|deviceid|device id|subscriberid|simserial|phonenumber|today|username|" +
		"адрес электронной почты|электронная почта|имя|фамилия|телефон|e pasta adrese|e pasts|vārds|uzvārds|tālrunis|indirizzo email|nome|cognome|telefono|电子邮件地址|电子邮件|電子郵件地址|姓名|电话|電話|" +
		"endereço de e mail|dirección de correo electrónico|correo electrónico|adresse e mail|e mail adresse|nombre|nom|prénom|apellido|pontuação total|puntuación total|punteggio totale|puntaje total")
	// The contact columns of Google Forms ("Email Address", collected by
	// the form), SurveyMonkey, Typeform and hand-made sheets, in en ru lv it
	// zh; taken as contacts only when the survey asks that contact field.
	contactEmailWords   = words("email address|email|e mail|your email|email optional|адрес электронной почты|электронная почта|эл почта|e mail адрес|e pasta adrese|e pasts|jūsu e pasts|indirizzo email|indirizzo e mail|la tua email|电子邮件地址|电子邮件|邮箱|邮箱地址|電子郵件地址|電子郵件|電郵")
	contactPhoneWords   = words("phone|phone number|telephone|mobile|mobile number|mobile phone|your phone number|phonenumber|телефон|номер телефона|мобильный телефон|ваш телефон|tālrunis|tālruņa numurs|telefona numurs|telefons|mobilais tālrunis|telefono|numero di telefono|cellulare|il tuo numero di telefono|电话|电话号码|手机|手机号码|联系电话|電話|電話號碼|手機|手機號碼")
	contactNameWords    = words("name|full name|your name|имя|ваше имя|фио|имя и фамилия|vārds|jūsu vārds|vārds uzvārds|vārds un uzvārds|nome|nome e cognome|il tuo nome|姓名|名字|您的姓名|您的名字")
	contactConsentWords = words("may we contact you|can we contact you|may we contact you about your feedback|ok to contact|consent to contact|contact consent|можно с вами связаться|можем ли мы с вами связаться|согласие на связь|vai drīkstam ar jums sazināties|vai varam ar jums sazināties|piekrišana saziņai|possiamo contattarla|possiamo contattarti|consenso al contatto|我们可以联系您吗|可以联系您吗|同意联系|我們可以聯絡您嗎|可以聯絡您嗎|同意聯絡")
	// quizWords name the score column of a Google Forms quiz (in the
	// form's language): the quiz's points, not a rating.
	quizWords = words("score|total score|points|punteggio|pontuação|puntuación|puntaje|punkte|punktzahl|баллы|балл|punkti|分数|分數|得分|점수|スコア|punten")
	tagWords  = map[string]map[string]bool{
		data.TagLocation: words("location|branch|store|shop|office|site|restaurant|outlet|venue|city|филиал|магазин|отделение|точка|ресторан|город|filiāle|veikals|nodaļa|restorāns|pilsēta|vieta|sede|negozio|filiale|punto vendita|ristorante|città|门店|分店|店铺|地点|城市|門店|分店|地點"),
		data.TagStaff:    words("staff|staff member|employee|waiter|waitress|cashier|served by|agent|consultant|сотрудник|официант|кассир|менеджер|консультант|darbinieks|pārdevējs|viesmīlis|konsultants|personale|dipendente|cameriere|cassiere|addetto|员工|服务员|收银员|員工|服務員"),
		data.TagProduct:  words("product|service|товар|продукт|услуга|produkts|prece|pakalpojums|prodotto|servizio|产品|服务|產品|服務"),
	}
	scoreWords = []string{"satisf", "rating", "rate", "score", "stars", "довол", "удовлетвор", "оценк", "рейтинг", "apmierin", "vērtēj", "novērtē", "soddisf", "valutaz", "voto", "满意", "滿意", "评分", "評分",
		"zufrieden", "満足", "만족", "bewert", "évalu", "calific", "avalia", "puntu", "pontua", "점수", "評価", "평가"}
	// mainWords pick the main satisfaction question by its text.
	mainWords = []string{"satisf", "доволь", "довол", "удовлетвор", "apmierin", "soddisf", "满意", "滿意", "満足", "만족", "zufrieden", "tevreden", "zadowol"}
	npsWords  = []string{"recommend", "net promoter", "рекоменд", "посовету", "ieteik", "raccomand", "consiglier", "推荐", "推薦", "recomend", "empfehl", "recommand", "aanbevel", "polecił", "polecil", "추천", "お勧め", "おすすめ", "勧め", "薦め", "すすめ"}
	cesWords  = []string{"effort", "easy", "easily", "легко", "усили", "просто", "viegli", "pūles", "facile", "facilità", "容易", "轻松", "輕鬆"}
)

// words builds a set from a list separated by "|" (or, with no "|", by
// spaces), each entry normalised.
func words(list string) map[string]bool {
	sep := "|"
	if !strings.Contains(list, "|") {
		sep = " "
	}
	m := map[string]bool{}
	for _, w := range strings.Split(list, sep) {
		if w = NormalizeLabel(w); w != "" {
			m[w] = true
		}
	}
	return m
}

func hasAny(s string, subs []string) bool {
	for _, w := range subs {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// hasWord reports whether w stands in s as a whole word ("nps", "q3 nps").
func hasWord(s, w string) bool {
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if f == w {
			return true
		}
	}
	return false
}

// role is Guess's first reading of a column.
type role struct {
	target  Target
	tag     string
	dateLoc *time.Location
	code    string // csatdesk: the question's code
}

// headerRole reads a column's role from its header and the layout;
// target TargetQuestion means "a question, or anything the values say".
func headerRole(layout Layout, c Column) (r role) {
	raw := strings.TrimSpace(c.Header)
	h := NormalizeLabel(raw)
	lower := strings.ToLower(raw)
	if isReasonHeader(raw) {
		return role{target: TargetIgnore} // WriteFailedRows's reasons
	}
	defer func() {
		// Metadata is never an answer; its date or ID roles stay. So are
		// the internal columns of KoboToolbox/ODK and pandas ("_index",
		// "$edited", "__version__").
		internal := strings.HasPrefix(raw, "_") || strings.HasPrefix(raw, "$")
		if (c.Meta || internal) && (r.target == TargetQuestion || r.target == TargetComment) {
			r = role{target: TargetIgnore}
		}
	}()
	switch layout {
	case LayoutCSATDesk:
		switch {
		case lower == "response_id":
			return role{target: TargetResponseID}
		case lower == "collected_at":
			return role{target: TargetCollectedAt}
		case lower == "channel":
			return role{target: TargetChannel}
		case lower == "form_number":
			return role{target: TargetFormNumber}
		case lower == "comment":
			return role{target: TargetComment}
		case strings.HasPrefix(lower, "tag:"):
			return role{target: TargetTag, tag: strings.TrimSpace(raw[4:])}
		}
		return role{target: TargetQuestion, code: raw}
	case LayoutTypeform:
		switch {
		case raw == "#":
			return role{target: TargetExternalID}
		case strings.EqualFold(raw, "Submit Date (UTC)"):
			return role{target: TargetCollectedAt, dateLoc: time.UTC}
		}
	case LayoutSurveyMonkey:
		switch {
		case strings.EqualFold(raw, "Respondent ID"):
			return role{target: TargetExternalID}
		case strings.EqualFold(raw, "End Date"):
			return role{target: TargetCollectedAt}
		case strings.HasPrefix(lower, "custom data"):
			return role{target: TargetIgnore}
		}
	case LayoutGoogleForms:
		if c.Index == 0 {
			return role{target: TargetCollectedAt}
		}
	}
	switch {
	case strings.HasPrefix(lower, "tag:") && len(raw) > 4:
		return role{target: TargetTag, tag: strings.TrimSpace(raw[4:])}
	case contactEmailWords[h]:
		return role{target: TargetContactEmail}
	case contactPhoneWords[h]:
		return role{target: TargetContactPhone}
	case contactNameWords[h]:
		return role{target: TargetContactName}
	case contactConsentWords[h]:
		return role{target: TargetContactConsent}
	case ignoreWords[h] || limeMetaWords[h]:
		return role{target: TargetIgnore}
	case dateWords[h] || limeStartWords[h] || limeActionWords[h] || limeSubmitWords[h]:
		return role{target: TargetCollectedAt}
	case channelWords[h]:
		return role{target: TargetChannel}
	case formWords[h]:
		return role{target: TargetFormNumber}
	case idWords[h] || limeIDWords[h] || raw == "#":
		return role{target: TargetExternalID}
	case commentWords[h]:
		return role{target: TargetComment}
	}
	for tag, ws := range tagWords {
		if ws[h] {
			return role{target: TargetTag, tag: tag}
		}
	}
	return role{target: TargetQuestion}
}

// Guess proposes how to import a profiled file. With a survey sv it maps
// columns to sv's questions by code or text; with sv nil it makes a new
// survey from the file, inferring each question's kind and scale from its
// values. Dates, channel, tags, IDs and comments are recognised by header
// in English, Russian, Latvian, Italian and Chinese, and by the known
// layouts. Guess leaves Mapping.Loc nil (UTC): set the business's zone.
func Guess(src Source, p *Profile, sv *data.Survey) (Proposal, error) {
	var prop Proposal
	if p.Rows == 0 {
		return prop, fmt.Errorf("%s: %w", src.Name, ErrNoRows)
	}
	m := &prop.Mapping
	// Our own export and a file of skipped rows (WriteFailedRows) guard
	// formula-like text with an apostrophe; it comes off on import.
	if src.Layout == LayoutCSATDesk || ReasonColumn(src) >= 0 {
		m.StripFormulaGuard = true
	}
	switch src.Layout {
	case LayoutGoogleForms, LayoutTypeform, LayoutSurveyMonkey:
		m.Channel = "web"
	}
	newSurvey := sv == nil
	if newSurvey {
		name := strings.TrimSuffix(src.Name, filepath.Ext(src.Name))
		if src.Sheet != "" && len(src.Sheets) > 1 {
			name += " – " + src.Sheet
		}
		sv = &data.Survey{Name: name, Version: 1}
		prop.Survey = sv
	}
	usedQ := map[uint32]bool{}
	single := map[Target]bool{}
	usedTag := map[string]bool{}
	usedCode := map[string]bool{}
	langs := map[string]int{}
	dateCol, dateColRank := -1, 0
	var questionCols []pending
	for i := range p.Columns {
		cp := &p.Columns[i]
		cm := ColumnMap{Column: i, Header: cp.Header}
		r := headerRole(src.Layout, cp.Column)
		// SurveyMonkey sub-columns.
		if src.Layout == LayoutSurveyMonkey && cp.Sub != "" && r.target == TargetQuestion {
			sub := NormalizeLabel(cp.Sub)
			if sub != "response" && sub != "open ended response" && !strings.HasPrefix(sub, "other") && isOptionColumn(cp) {
				prop.Notes = append(prop.Notes, note(KindOptionColumn, "Column", cp.Name()))
				m.Columns = append(m.Columns, cm)
				continue
			}
		}
		if r.target == TargetQuestion && src.Layout == LayoutGoogleForms && quizWords[NormalizeLabel(cp.Header)] && (isQuizScore(cp) || afterTimestamp(p, i)) {
			r.target = TargetIgnore // a quiz's points ("7 / 10"), not a rating
		}
		if r.target == TargetExternalID && seqWords[NormalizeLabel(cp.Header)] && hasRepeats(cp) {
			r.target = TargetIgnore // a numbering with repeats, not respondent IDs
		}
		if f, ok := r.target.contactField(); ok && !sv.AsksContact(f) {
			r.target = TargetIgnore // a survey without that contact field: as before contacts existed
		}
		switch r.target {
		case TargetIgnore:
		case TargetQuestion:
			questionCols = append(questionCols, pending{i, cp})
			m.Columns = append(m.Columns, cm)
			continue
		case TargetTag:
			if !usedTag[r.tag] && r.tag != data.ChannelSegment {
				usedTag[r.tag] = true
				cm.Target, cm.Tag = TargetTag, r.tag
			}
		case TargetComment:
			cm.Target = TargetComment
		case TargetCollectedAt:
			// The best-ranked date column wins: the submission's date
			// over the date the respondent started.
			if rk := dateRank(cp.Header); dateCol < 0 || rk > dateColRank {
				if dateCol >= 0 {
					m.Columns[dateCol].Target, m.Columns[dateCol].DateLoc = TargetIgnore, nil
				}
				cm.Target, cm.DateLoc = r.target, r.dateLoc
				dateCol, dateColRank = i, rk
			}
		default:
			if !single[r.target] {
				single[r.target] = true
				cm.Target, cm.DateLoc = r.target, r.dateLoc
			}
		}
		m.Columns = append(m.Columns, cm)
	}
	// A date column found by its values when no header said so.
	if dateCol < 0 {
		for k, pc := range questionCols {
			if isDateColumn(pc.cp) || isDatedByHeader(pc.cp) {
				m.Columns[pc.i].Target = TargetCollectedAt
				dateCol = pc.i
				questionCols = append(questionCols[:k], questionCols[k+1:]...)
				break
			}
		}
	}
	if dateCol >= 0 {
		order, amb := p.Columns[dateCol].dates.result()
		m.DateOrder, prop.DateAmbiguous = order, amb
		if amb {
			prop.Notes = append(prop.Notes, note(KindAmbiguousDates, "Column", p.Columns[dateCol].Name(), "Order", orderWords(order)))
		}
		if isSubmitHeader(p.Columns[dateCol].Header) {
			prop.Incomplete = p.Rows - p.Columns[dateCol].NonBlank
		}
	} else {
		prop.NoDate = true
		prop.Notes = append(prop.Notes, note(KindNoDateColumnNote))
	}
	if src.Coded && m.NoAnswer == nil {
		m.NoAnswer = append(slices.Clone(DefaultNoAnswer), CodedNoAnswer...)
	}
	na := newNoAnswerSet(m.NoAnswer)
	answers := map[uint32]int{} // per question made: the answers profiled
	options := optionColumns(questionCols, na)
	var placeholders []string
	for _, pc := range questionCols {
		cm := &m.Columns[pc.i]
		cp := pc.cp
		zeroBlank := false
		if newSurvey && options[pc.i] {
			prop.Notes = append(prop.Notes, note(KindOptionColumn, "Column", cp.Name()))
			continue
		}
		if newSurvey && isRowCounter(cp) && !hasAny(NormalizeLabel(cp.Header), scoreWords) {
			continue // 1, 2, 3…: the rows' numbers
		}
		if newSurvey {
			q, target, n, lang, zb := inferQuestion(src, cp, p.Rows, na)
			zeroBlank = zb
			if p.Partial {
				q.Required = false
			}
			if lang != "" {
				langs[lang] += cp.NonBlank
			}
			if !n.IsZero() {
				prop.Notes = append(prop.Notes, n)
			}
			if target == TargetComment && single[TargetComment] {
				target, q = TargetQuestion, textQuestion(cp)
			}
			switch target {
			case TargetQuestion:
				if c := strings.ToLower(q.Code); c != "" {
					if usedCode[c] {
						q.Code = "" // a repeated column name: the second has no code
					}
					usedCode[c] = true
				}
				cm.Target = TargetQuestion
				cm.QuestionID = sv.AddQuestion(q)
				answers[cm.QuestionID] = cp.NonBlank
				for _, v := range cp.Values {
					if na.match(q, v.Value, nil) {
						answers[cm.QuestionID] -= v.Count
					}
				}
			case TargetComment:
				single[TargetComment] = true
				cm.Target = TargetComment
			}
		} else if q, ok := matchQuestion(sv, cp, usedQ); ok {
			usedQ[q.ID] = true
			cm.Target, cm.QuestionID = TargetQuestion, q.ID
		} else {
			prop.Notes = append(prop.Notes, note(KindUnmatchedColumn, "Column", cp.Name(), "Survey", sv.Name))
		}
		if cm.Target == TargetQuestion {
			q, _ := sv.Question(cm.QuestionID)
			blanks, ph := noAnswerValues(q, cp, na, newSurvey, zeroBlank)
			if len(blanks) > 0 {
				prop.NoAnswer = append(prop.NoAnswer, Unmapped{Column: pc.i, Header: cp.Header, QuestionID: q.ID, Values: blanks})
			}
			for _, v := range ph {
				if !slices.Contains(placeholders, v) {
					placeholders = append(placeholders, v)
				}
			}
			if u := unmappedValues(q, cp, na, ph); len(u) > 0 {
				prop.Unmapped = append(prop.Unmapped, Unmapped{Column: pc.i, Header: cp.Header, QuestionID: q.ID, Values: u})
			}
		}
	}
	if len(placeholders) > 0 {
		if m.NoAnswer == nil {
			m.NoAnswer = slices.Clone(DefaultNoAnswer)
		}
		m.NoAnswer = append(m.NoAnswer, placeholders...)
	}
	if newSurvey {
		pickNPS(sv)
		prop.Main = pickMain(sv, answers)
		best := 0
		for l, n := range langs {
			if n > best || (n == best && l < sv.Language) {
				sv.Language, best = l, n
			}
		}
		if len(sv.Questions) == 0 {
			if len(src.Columns) == 1 {
				return prop, problemError(KindOneColumn, "File", src.Name)
			}
			return prop, problemError(KindNoAnswerColumns, "File", src.Name)
		}
	}
	return prop, nil
}

// isOptionColumn: every answer in the column is its own sub-header (a
// SurveyMonkey "select all that apply" option).
func isOptionColumn(cp *ColumnProfile) bool {
	sub := NormalizeLabel(cp.Sub)
	for _, v := range cp.Values {
		if NormalizeLabel(v.Value) != sub {
			return false
		}
	}
	return len(cp.Values) > 0
}

// isDatedByHeader: a header that names a date ("Data di acquisto") over
// dates, Excel serial numbers included.
func isDatedByHeader(cp *ColumnProfile) bool {
	if cp.NonBlank == 0 || !hasPhrase(NormalizeLabel(cp.Header), dateHeaderWords) {
		return false
	}
	ok := 0
	for _, v := range cp.Values {
		if _, err := ParseDate(v.Value, "", nil); err == nil {
			ok += v.Count
		}
	}
	return ok*10 >= cp.NonBlank*9
}

func isDateColumn(cp *ColumnProfile) bool {
	if cp.NonBlank == 0 {
		return false
	}
	ok := 0
	for _, v := range cp.Values {
		if _, isNum := parseDecimal(v.Value); isNum {
			return false // numbers: scores, not Excel serials, unless a header says so
		}
		if _, err := ParseDate(v.Value, "", nil); err == nil {
			ok += v.Count
		}
	}
	return ok*10 >= cp.NonBlank*9
}

// matchQuestion finds the question of sv a column answers: by code or
// q<ID>, by equal text, else by the most shared words (at least half).
func matchQuestion(sv *data.Survey, cp *ColumnProfile, used map[uint32]bool) (data.Question, bool) {
	raw := strings.TrimSpace(cp.Header)
	h := NormalizeLabel(raw)
	for _, q := range sv.Questions {
		if used[q.ID] {
			continue
		}
		if (q.Code != "" && strings.EqualFold(q.Code, raw)) || strings.EqualFold(raw, "q"+strconv.FormatUint(uint64(q.ID), 10)) || NormalizeLabel(q.Text) == h {
			return q, true
		}
	}
	best, bestScore := data.Question{}, 0.5
	for _, q := range sv.Questions {
		if used[q.ID] {
			continue
		}
		if s := similarity(h, NormalizeLabel(q.Text)); s >= bestScore {
			best, bestScore = q, s
		}
	}
	return best, best.ID != 0
}

// similarity is the Dice coefficient of two texts' word sets (character
// bigrams for text without spaces, such as Chinese).
func similarity(a, b string) float64 {
	ta, tb := tokens(a), tokens(b)
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	common := 0
	for t := range ta {
		if tb[t] {
			common++
		}
	}
	return 2 * float64(common) / float64(len(ta)+len(tb))
}

// stopWords are left out when comparing question texts.
var stopWords = words("how|are|you|your|with|our|the|was|were|did|do|is|of|to|a|an|and|in|at|for|we|us|" +
	"как|вы|ваш|вашей|вашим|нас|наш|нашей|нашим|с|и|в|на|по|насколько|ли|" +
	"cik|jūs|jūsu|ar|mūsu|un|ir|vai|kā|" +
	"quanto|lei|il|la|del|della|con|di|e|è|nostro|nostra|suo|sua")

// tokens are a text's words without stop words, cut to 6 letters as a
// crude stem ("satisfied", "satisfaction" → "satisf"); text without spaces
// (Chinese) gives character pairs.
func tokens(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(s) {
		if stopWords[w] {
			continue
		}
		rs := []rune(w)
		if len(rs) > 3 && len(w) > 2*len(rs) { // CJK: bigrams
			for i := 0; i+1 < len(rs); i++ {
				out[string(rs[i:i+2])] = true
			}
			continue
		}
		if len(rs) > 6 {
			rs = rs[:6]
		}
		out[string(rs)] = true
	}
	return out
}

func unmappedValues(q data.Question, cp *ColumnProfile, na noAnswerSet, placeholders []string) []ValueCount {
	if !q.Numeric() {
		return nil
	}
	var out []ValueCount
	for _, v := range cp.Values {
		if na.match(q, v.Value, nil) || slices.Contains(placeholders, v.Value) {
			continue
		}
		if _, err := parseValue(q, v.Value, nil); err != nil {
			out = append(out, v)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	return out
}

func textQuestion(cp *ColumnProfile) data.Question {
	q := data.NewQuestion(data.KindText, questionText(cp), 0)
	return q
}

func questionText(cp *ColumnProfile) string {
	if t := strings.TrimSpace(cp.Header); t != "" {
		return t
	}
	return "Column " + cp.Letter
}

// inferQuestion decides a new question's kind and scale from a column's
// values: the candidate under which the most answers parse wins. Answers
// that mean "no answer" (na) and placeholders ("*redacted*") are left out
// of the count, so a few of them do not turn a rating into text.
func inferQuestion(src Source, cp *ColumnProfile, rows int, na noAnswerSet) (q data.Question, target Target, n data.Problem, lang string, zeroBlank bool) {
	text := questionText(cp)
	h := NormalizeLabel(cp.Header)
	blank := 0 // no-answer codes and placeholders
	for _, v := range cp.Values {
		if na.matchText(v.Value) || na.matchNegative(v.Value) || isPlaceholder(v.Value) {
			blank += v.Count
		}
	}
	answered := cp.NonBlank - blank
	if cp.NonBlank == 0 || answered <= 0 {
		return data.Question{}, TargetIgnore, note(KindEmptyColumn, "Column", cp.Name()), "", false
	}
	required := answered == rows
	var cands []data.Question
	var candLang []string
	add := func(q data.Question, l string) {
		cands, candLang = append(cands, q), append(candLang, l)
	}
	need := 8 // tenths of the answers that must parse
	if hasAny(h, scoreWords) || hasAny(h, npsWords) {
		need = 5
	}
	// A count ("how many times…?"), a numbered option ("which brand?") or
	// a range ("3-4 hours") is not a score.
	scored := hasAny(h, scoreWords) || hasAny(h, npsWords) || (!isCountHeader(h) && !isOptionHeader(h))
	if scored {
		if nq, ok, decimals, zb := numericCandidate(text, cp.Header, h, cp, answered, need); ok {
			add(nq, "")
			zeroBlank = zb
		} else if decimals {
			return data.Question{}, TargetIgnore, note(KindDecimalColumn, "Column", cp.Name()), "", false
		}
	}
	if lq, l, ok := labelCandidate(text, cp); ok {
		add(lq, l)
	}
	if scored {
		add(data.NewQuestion(data.KindRating, text, 5), "")
		add(data.NewQuestion(data.KindYesNo, text, 0), "")
	}
	best, bestN := -1, 0
	for i, c := range cands {
		n := 0
		for _, v := range cp.Values {
			if _, err := parseValue(c, v.Value, nil); err == nil {
				n += v.Count
			}
		}
		if n > bestN {
			best, bestN = i, n
		}
	}
	if best >= 0 && cands[best].Kind == data.KindYesNo && repeatedOthers(cands[best], cp, na) {
		best = -1 // "Yes", "No, but…", "No and…": a choice
	}
	if best >= 0 && sentencesLeft(cands[best], cp, na)*10 >= answered {
		best = -1 // people wrote sentences here: not a scale
	}
	if best >= 0 && bestN*10 >= answered*need {
		q = cands[best]
		q.Required = required
		for _, v := range cp.Values {
			if na.match(q, v.Value, nil) || (zeroBlank && best == 0 && strings.TrimSpace(v.Value) == "0") { // "99" outside the scale
				q.Required = false
			}
		}
		if src.Layout == LayoutCSATDesk && !isQID(cp.Header) {
			q.Code = strings.TrimSpace(cp.Header)
		}
		return q, TargetQuestion, data.Problem{}, candLang[best], zeroBlank && best == 0
	}
	if commentWords[h] || hasAny(h, []string{"comment", "коммент", "komentār", "comment", "评论", "意见"}) {
		return data.Question{}, TargetComment, data.Problem{}, "", false
	}
	// Free sentences: a comment, however few the rows.
	if isFreeText(cp) {
		return data.Question{}, TargetComment, data.Problem{}, "", false
	}
	// Numbered options: a choice of the numbers 1…n.
	if cq, ok := codeChoice(text, cp, na); ok {
		cq.Required = required
		return cq, TargetQuestion, data.Problem{}, "", false
	}
	// Other whole numbers (a year, a count, a height): text, since a
	// choice reads a number as the choice's position.
	if allIntegers(cp, na) {
		q = textQuestion(cp)
		return q, TargetQuestion, data.Problem{}, "", false
	}
	// Few distinct, short, repeated answers: a choice question.
	if !cp.MoreValues && len(cp.Values) >= 2 && len(cp.Values) <= data.MaxChoices && cp.NonBlank >= 2*len(cp.Values) {
		short := true
		for _, v := range cp.Values {
			short = short && len([]rune(v.Value)) <= 60
		}
		if short {
			q = data.NewQuestion(data.KindChoice, text, 0)
			q.Choices = nil
			for _, v := range cp.Values {
				if !na.matchText(v.Value) && !na.matchNegative(v.Value) {
					q.Choices = append(q.Choices, v.Value) // codes stay no answer
				}
			}
			if len(q.Choices) >= 2 { // one answer besides codes: text
				q.Max = len(q.Choices)
				q.Required = required
				return q, TargetQuestion, data.Problem{}, "", false
			}
		}
	}
	q = textQuestion(cp)
	if src.Layout == LayoutCSATDesk && !isQID(cp.Header) {
		q.Code = strings.TrimSpace(cp.Header)
	}
	return q, TargetQuestion, data.Problem{}, "", false
}

func isQID(h string) bool {
	if len(h) < 2 || (h[0] != 'q' && h[0] != 'Q') {
		return false
	}
	_, err := strconv.ParseUint(h[1:], 10, 32)
	return err == nil
}

// headerScale reads a scale written in a header: "(1-5)", "0–10", "1 to 7".
var headerScale = regexp.MustCompile(`(?i)\b(0|1)\s*(?:-|–|—|to|до|līdz|a)\s*(3|4|5|6|7|10)\b`)

// numericCandidate infers a scale from numbers ("4", "4/5", "9 - likely").
// need is the share (in tenths) of answers that must be numbers; decimals
// reports a column of non-whole numbers (amounts, not scores).
func numericCandidate(text, header, h string, cp *ColumnProfile, answered, need int) (q data.Question, ok, decimals, zeroBlank bool) {
	lo, hi, den, n, frac, inRange := 1<<30, -1<<30, 0, 0, 0, 0
	type num struct{ v, count int }
	var ints []num
	for _, v := range cp.Values {
		f, d, isNum := parseNumber(numberKey(v.Value))
		if !isNum {
			continue
		}
		n += v.Count
		if f != math.Trunc(f) {
			frac += v.Count
			continue
		}
		if f < -1e6 || f > 1e6 {
			continue
		}
		ints = append(ints, num{int(f), v.Count})
		if f >= 0 && f <= 10 {
			inRange += v.Count
		}
		if d > 0 {
			den = d
		}
	}
	if n == 0 || n*10 < answered*need {
		return q, false, false, false
	}
	if frac*2 > n {
		return q, false, true, false
	}
	// A few out-of-range slips do not make the scale: judge it from the
	// answers within 0–10 when they are most of them, and the others are
	// a few values (hours of the day 7–16 are no 0–10 scale with slips).
	outside := 0
	for _, x := range ints {
		if x.v < 0 || x.v > 10 {
			outside++
		}
	}
	robust := inRange*10 >= (n-frac)*8 && outside <= 3
	for _, x := range ints {
		if robust && (x.v < 0 || x.v > 10) {
			continue
		}
		lo, hi = min(lo, x.v), max(hi, x.v)
	}
	nps, ces := hasAny(h, npsWords) || hasWord(h, "nps"), hasAny(h, cesWords) || hasWord(h, "ces")
	// "How satisfied…?" asked on 0–10 is a 0–10 satisfaction question
	// (satisfied 9–10), not an NPS: only "recommend" makes a 0–10 column
	// an NPS when the header says what it asks.
	sat := !nps && (hasAny(h, mainWords) || hasLetterWord(h, "sat", "csat"))
	zeroToTen := data.KindNPS
	if sat {
		zeroToTen = data.KindRating
	}
	if m := headerScale.FindStringSubmatch(header); m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		switch {
		case a == 0 && b == 10:
			return data.NewQuestion(zeroToTen, text, data.MaxValue+1), true, false, false
		case a == 1 && b == 7 && ces:
			return data.NewQuestion(data.KindCES, text, 0), true, false, false
		case a == 0 && b == 5 && !nps:
			return data.NewQuestion(data.KindRating, text, 5), true, false, true // 0: no answer
		case a == 1:
			return data.NewQuestion(data.KindRating, text, b), true, false, false
		}
	}
	top := hi
	if den > 0 {
		top = den
	}
	switch {
	case lo > hi || lo < 0 || top > 10:
		return q, false, false, false
	case nps && lo >= 1 && top <= 5 && answered >= 10:
		// "How likely to recommend", answered 1–5 by ten or more: a
		// 5-point scale, not a 0–10 NPS nobody answered above 5.
		return data.NewQuestion(data.KindRating, text, 5), true, false, false
	case nps && top <= 10:
		return data.NewQuestion(data.KindNPS, text, 0), true, false, false
	case ces && lo >= 1 && top <= 7:
		return data.NewQuestion(data.KindCES, text, 0), true, false, false
	case lo == 0 && top <= 1:
		return data.NewQuestion(data.KindYesNo, text, 0), true, false, false
	case lo == 0 && top <= 5:
		// 0–5: a 1–5 rating whose 0 is "no answer" (Guess adds it to
		// the no-answer list), not an NPS of 0–10.
		return data.NewQuestion(data.KindRating, text, 5), true, false, true
	case lo == 0:
		return data.NewQuestion(zeroToTen, text, data.MaxValue+1), true, false, false
	case den == 3 || (top == 3 && cp.NonBlank >= 20):
		return data.NewQuestion(data.KindRating, text, 3), true, false, false
	case (top == 4 || top == 6) && (den > 0 || cp.NonBlank >= 20):
		// A 1–4 or 1–6 scale, as "3/4" says or twenty answers with none
		// above 4 (6) do; a few answers below 5 (7) are more likely a
		// 1–5 (1–7) scale whose top nobody chose, as for 3 above.
		return data.NewQuestion(data.KindRating, text, top), true, false, false
	case top <= 5:
		return data.NewQuestion(data.KindRating, text, 5), true, false, false
	case top <= 7:
		return data.NewQuestion(data.KindRating, text, 7), true, false, false
	}
	return data.NewQuestion(data.KindRating, text, 10), true, false, false
}

// labelCandidate finds the label table that covers most answers and makes
// a question with that table's labels, in the language most answers use.
func labelCandidate(text string, cp *ColumnProfile) (data.Question, string, bool) {
	type key struct {
		family string
		points int
	}
	cover := map[key]int{}
	langOf := map[key]map[string]int{}
	// A table that reads two different answers as the same point
	// ("Satisfied", "Somewhat satisfied" on 5 points) loses to one that
	// tells them apart (7 points).
	posOf := map[key]map[int]string{}
	collide := map[key]bool{}
	for _, v := range cp.Values {
		k := NormalizeLabel(v.Value)
		hits := labelIndex[k]
		if len(hits) == 0 {
			hits = foldedIndex[foldDiacritics(k)]
		}
		if rest, ok := cutOptionLetter(strings.TrimSpace(v.Value)); ok && len(hits) == 0 {
			k = NormalizeLabel(rest)
			hits = labelIndex[k]
		}
		for _, part := range bilingualParts(v.Value) {
			if len(hits) == 0 {
				k = NormalizeLabel(part)
				hits = labelIndex[k]
			}
		}
		hits = append(hits[:len(hits):len(hits)], guessIndex[k]...)
		seen := map[key]bool{}
		for _, h := range hits {
			kk := key{h.family, h.points}
			if langOf[kk] == nil {
				langOf[kk] = map[string]int{}
				posOf[kk] = map[int]string{}
			}
			langOf[kk][h.lang] += v.Count
			if !seen[kk] {
				seen[kk] = true
				cover[kk] += v.Count
				if o, ok := posOf[kk][h.pos]; ok && o != k {
					collide[kk] = true
				}
				posOf[kk][h.pos] = k
			}
		}
	}
	var best key
	bestN := 0
	for k, n := range cover {
		better := n > bestN
		if n == bestN {
			switch {
			case collide[k] != collide[best]:
				better = !collide[k]
			case k.points != best.points && k.family == best.family && k.points%2 != best.points%2 && cp.NonBlank < 20:
				// Few answers and none in the middle: more likely a
				// scale with a middle nobody chose than one without.
				better = k.points%2 == 1
			case k.points != best.points:
				better = k.points < best.points
			default:
				better = k.family < best.family
			}
		}
		if better {
			best, bestN = k, n
		}
	}
	if bestN == 0 {
		return data.Question{}, "", false
	}
	lang, ln := "", 0
	for l, n := range langOf[best] {
		if n > ln || (n == ln && l < lang) {
			lang, ln = l, n
		}
	}
	var q data.Question
	switch {
	case best.family == familyYesNo || best.family == familyGoodBad:
		q = data.NewQuestion(data.KindYesNo, text, 0)
	case best.points == 7 && (best.family == familyAgreement || best.family == familyEase):
		q = data.NewQuestion(data.KindCES, text, 0)
	default:
		q = data.NewQuestion(data.KindRating, text, best.points)
	}
	for _, t := range append(scaleTables[:len(scaleTables):len(scaleTables)], guessTables...) {
		if t.family == best.family && t.points == best.points {
			q.Labels = make([]string, len(t.langs[lang]))
			for i, syn := range t.langs[lang] {
				q.Labels[i] = syn[0]
			}
		}
	}
	return q, lang, true
}

// dateRank ranks a date column by its header: when a file has several, the
// time the response was submitted or recorded beats the time of the last
// action (LimeSurvey's datestamp), which beats the time it was started.
func dateRank(header string) int {
	h := NormalizeLabel(header)
	switch {
	case limeActionWords[h]:
		return 2
	case limeStartWords[h] || strings.HasPrefix(h, "start"):
		return 1
	}
	return 3
}
