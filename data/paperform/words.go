package paperform

import "csatdesk/data/bank"

// words are the fixed words printed on a form, in one language.
type words struct {
	FormNo, Date       string
	Day, Month, Year   string // captions under the date boxes
	YearFirst          bool   // Chinese: year / month / day
	Instruction        string // how to fill in the form; an example crossed box follows it
	Comments           string
	Contact            string
	Name, Phone, Email string
	ThankYou           string
	Page               string // "Page %d of %d"
	Continued          string
	Entered            string // staff tick box: the sheet has been entered
	Yes, No            string
}

var allWords = map[string]words{
	"en": {
		FormNo: "Form no.", Date: "Date", Day: "DD", Month: "MM", Year: "YYYY",
		Instruction: "Use a pen. Cross one box for each question, like this:",
		Comments:    "Comments",
		Contact:     "If you'd like us to contact you:",
		Name:        "Name", Phone: "Phone", Email: "Email",
		ThankYou:  "Thank you for your feedback!",
		Page:      "Page %d of %d",
		Continued: "(continued)",
		Entered:   "Entered",
	},
	"ru": {
		FormNo: "Анкета №", Date: "Дата", Day: "ДД", Month: "ММ", Year: "ГГГГ",
		Instruction: "Пишите ручкой. В каждом вопросе поставьте крестик в одном квадрате, вот так:",
		Comments:    "Комментарии",
		Contact:     "Если вы хотите, чтобы мы с вами связались:",
		Name:        "Имя", Phone: "Телефон", Email: "Эл. почта",
		ThankYou:  "Спасибо за ваш отзыв!",
		Page:      "Страница %d из %d",
		Continued: "(продолжение)",
		Entered:   "Внесено",
	},
	"lv": {
		FormNo: "Anketa Nr.", Date: "Datums", Day: "DD", Month: "MM", Year: "GGGG",
		Instruction: "Rakstiet ar pildspalvu. Katrā jautājumā ievelciet krustiņu vienā lodziņā, lūk, šādi:",
		Comments:    "Komentāri",
		Contact:     "Ja vēlaties, lai ar jums sazināmies:",
		Name:        "Vārds", Phone: "Tālrunis", Email: "E-pasts",
		ThankYou:  "Paldies par jūsu atsauksmi!",
		Page:      "%d. lapa no %d",
		Continued: "(turpinājums)",
		Entered:   "Ievadīts",
	},
	"it": {
		FormNo: "Modulo n.", Date: "Data", Day: "GG", Month: "MM", Year: "AAAA",
		Instruction: "Usi una penna. Per ogni domanda, segni con una croce una sola casella, così:",
		Comments:    "Commenti",
		Contact:     "Se desidera essere ricontattato:",
		Name:        "Nome", Phone: "Telefono", Email: "E-mail",
		ThankYou:  "Grazie per il suo feedback!",
		Page:      "Pagina %d di %d",
		Continued: "(continua)",
		Entered:   "Inserito",
	},
	"zh_Hans": {
		FormNo: "表格编号", Date: "日期", Day: "日", Month: "月", Year: "年", YearFirst: true,
		Instruction: "请用笔填写。每个问题只在一个方框内画叉，如：",
		Comments:    "意见和建议",
		Contact:     "如果您希望我们与您联系：",
		Name:        "姓名", Phone: "电话", Email: "电子邮件",
		ThankYou:  "感谢您的反馈！",
		Page:      "第%d页，共%d页",
		Continued: "（续）",
		Entered:   "已录入",
	},
	"zh_Hant": {
		FormNo: "表格編號", Date: "日期", Day: "日", Month: "月", Year: "年", YearFirst: true,
		Instruction: "請用筆填寫。每個問題只在一個方框內畫叉，如：",
		Comments:    "意見和建議",
		Contact:     "如果您希望我們與您聯繫：",
		Name:        "姓名", Phone: "電話", Email: "電子郵件",
		ThankYou:  "感謝您的回饋！",
		Page:      "第%d頁，共%d頁",
		Continued: "（續）",
		Entered:   "已錄入",
	},
}

// wordsFor returns the fixed words in lang (English when unknown).
func wordsFor(lang string) words {
	code := bank.Normalize(lang)
	w := allWords[code]
	yn := bank.YesNoLabels(code)
	w.No, w.Yes = yn[0], yn[1]
	return w
}
