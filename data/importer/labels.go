package importer

// Scale label tables. Each table is one family of answer labels (how
// satisfied, how much do you agree, how easy, how likely, how good) on one
// number of points, in each language we read. Position i of a table is scale
// point i+1 (i for yes/no, which is 0–1). The first synonym of each position
// is the label shown when a survey is created from a file; the others are
// accepted when reading.

// Families of scale labels.
const (
	familySatisfaction = "satisfaction"
	familyAgreement    = "agreement"
	familyEase         = "ease"
	familyLikelihood   = "likelihood"
	familyQuality      = "quality"
	familyYesNo        = "yesno"
	familyGoodBad      = "goodbad" // a helpdesk's two-point rating (Zendesk: "Good, I'm satisfied")
	// familyQualityVG is "Very bad, Bad, Good, Very good, Excellent". Its
	// words mean other points in familyQuality, so it only proposes a
	// question's labels (Guess); answers are read by those labels.
	familyQualityVG = "quality_vg"
)

// scaleTable is the labels of one family on one number of points.
type scaleTable struct {
	family string
	points int
	// langs maps a BCP 47 language to, per scale position, its synonyms.
	langs map[string][][]string
}

var scaleTables = []scaleTable{
	{familySatisfaction, 3, map[string][][]string{
		"en": {{"Dissatisfied", "Unsatisfied", "Not satisfied", "Not good"}, {"Neutral", "Neither satisfied nor dissatisfied", "Okay"}, {"Satisfied", "Great"}},
		"ru": {{"Недоволен", "Недовольна", "Не доволен", "Не довольна", "Не удовлетворён", "Неудовлетворён"}, {"Нейтрально", "Нейтрален", "Ни то ни другое", "Средне"}, {"Доволен", "Довольна", "Удовлетворён"}},
		"lv": {{"Neapmierināts", "Neapmierināta", "Neapmierinoši"}, {"Neitrāli", "Neitrāls", "Neitrāla", "Vidēji"}, {"Apmierināts", "Apmierināta", "Apmierinoši"}},
		"it": {{"Insoddisfatto", "Insoddisfatta", "Non soddisfatto", "Non soddisfatta"}, {"Neutrale", "Né soddisfatto né insoddisfatto", "Indifferente"}, {"Soddisfatto", "Soddisfatta"}},
		"zh": {{"不满意", "不滿意"}, {"一般", "中立", "普通"}, {"满意", "滿意"}},
	}},
	{familySatisfaction, 5, map[string][][]string{
		"en": {{"Very dissatisfied", "Very unsatisfied", "Extremely dissatisfied", "Very unhappy", "Extremely unhappy"},
			{"Dissatisfied", "Unsatisfied", "Not satisfied", "Unhappy", "Somewhat dissatisfied"},
			{"Neutral", "Neither satisfied nor dissatisfied", "Okay"},
			{"Satisfied", "Happy", "Somewhat satisfied"},
			{"Very satisfied", "Extremely satisfied", "Very happy", "Extremely happy"}},
		"es": {{"Muy insatisfecho", "Muy insatisfecha", "Nada satisfecho", "Nada satisfecha"},
			{"Insatisfecho", "Insatisfecha", "Poco satisfecho", "Poco satisfecha"},
			{"Neutral", "Ni satisfecho ni insatisfecho", "Indiferente"},
			{"Satisfecho", "Satisfecha", "Bastante satisfecho", "Bastante satisfecha"},
			{"Muy satisfecho", "Muy satisfecha", "Totalmente satisfecho", "Totalmente satisfecha"}},
		"pt": {{"Muito insatisfeito", "Muito insatisfeita", "Nada satisfeito", "Nada satisfeita"},
			{"Insatisfeito", "Insatisfeita", "Pouco satisfeito", "Pouco satisfeita"},
			{"Neutro", "Nem satisfeito nem insatisfeito", "Indiferente"},
			{"Satisfeito", "Satisfeita"},
			{"Muito satisfeito", "Muito satisfeita", "Totalmente satisfeito", "Totalmente satisfeita"}},
		"fr": {{"Très insatisfait", "Très insatisfaite", "Pas du tout satisfait", "Pas du tout satisfaite"},
			{"Insatisfait", "Insatisfaite", "Peu satisfait", "Peu satisfaite", "Plutôt insatisfait"},
			{"Neutre", "Ni satisfait ni insatisfait"},
			{"Satisfait", "Satisfaite", "Plutôt satisfait", "Plutôt satisfaite"},
			{"Très satisfait", "Très satisfaite", "Tout à fait satisfait"}},
		"de": {{"Sehr unzufrieden", "Überhaupt nicht zufrieden"},
			{"Unzufrieden", "Eher unzufrieden", "Weniger zufrieden"},
			{"Neutral", "Weder zufrieden noch unzufrieden", "Teils teils"},
			{"Zufrieden", "Eher zufrieden"},
			{"Sehr zufrieden", "Vollkommen zufrieden"}},
		"ru": {{"Очень недоволен", "Очень недовольна", "Очень не доволен", "Совсем не доволен", "Совсем недоволен", "Очень не удовлетворён", "Совершенно не удовлетворён"},
			{"Недоволен", "Недовольна", "Не доволен", "Не довольна", "Не удовлетворён", "Неудовлетворён"},
			{"Нейтрально", "Нейтрален", "Нейтральна", "Ни то ни другое", "Средне", "Ни доволен ни недоволен", "Затрудняюсь ответить"},
			{"Доволен", "Довольна", "Удовлетворён", "Удовлетворена"},
			{"Очень доволен", "Очень довольна", "Полностью доволен", "Полностью удовлетворён", "Очень удовлетворён"}},
		"lv": {{"Ļoti neapmierināts", "Ļoti neapmierināta", "Pilnīgi neapmierināts", "Ļoti neapmierinoši"},
			{"Neapmierināts", "Neapmierināta", "Neapmierinoši"},
			{"Neitrāli", "Neitrāls", "Neitrāla", "Vidēji", "Ne apmierināts, ne neapmierināts"},
			{"Apmierināts", "Apmierināta", "Apmierinoši"},
			{"Ļoti apmierināts", "Ļoti apmierināta", "Pilnīgi apmierināts"}},
		"it": {{"Molto insoddisfatto", "Molto insoddisfatta", "Per niente soddisfatto", "Per niente soddisfatta"},
			{"Insoddisfatto", "Insoddisfatta", "Poco soddisfatto", "Poco soddisfatta"},
			{"Neutrale", "Né soddisfatto né insoddisfatto", "Indifferente"},
			{"Soddisfatto", "Soddisfatta"},
			{"Molto soddisfatto", "Molto soddisfatta", "Estremamente soddisfatto"}},
		"zh": {{"非常不满意", "非常不滿意", "很不满意", "很不滿意"},
			{"不满意", "不滿意"},
			{"一般", "中立", "普通", "中等"},
			{"满意", "滿意", "比较满意", "比較滿意"},
			{"非常满意", "非常滿意", "很满意", "很滿意"}},
	}},
	// Balanced 4- and 6-point satisfaction scales (no middle). Their words
	// are the 5- and 7-point tables' without "Neutral": labelCandidate
	// takes them over those only from twenty answers none of which is in
	// the middle.
	{familySatisfaction, 4, map[string][][]string{
		"en": {{"Very dissatisfied", "Very unsatisfied", "Extremely dissatisfied"}, {"Dissatisfied", "Unsatisfied", "Not satisfied"}, {"Satisfied"}, {"Very satisfied", "Extremely satisfied"}},
		"es": {{"Muy insatisfecho", "Muy insatisfecha"}, {"Insatisfecho", "Insatisfecha"}, {"Satisfecho", "Satisfecha"}, {"Muy satisfecho", "Muy satisfecha"}},
		"pt": {{"Muito insatisfeito", "Muito insatisfeita"}, {"Insatisfeito", "Insatisfeita"}, {"Satisfeito", "Satisfeita"}, {"Muito satisfeito", "Muito satisfeita"}},
		"fr": {{"Très insatisfait", "Très insatisfaite", "Pas du tout satisfait", "Pas du tout satisfaite"}, {"Insatisfait", "Insatisfaite", "Plutôt insatisfait", "Plutôt pas satisfait"}, {"Satisfait", "Satisfaite", "Plutôt satisfait", "Plutôt satisfaite"}, {"Très satisfait", "Très satisfaite", "Tout à fait satisfait"}},
		"de": {{"Sehr unzufrieden"}, {"Unzufrieden", "Eher unzufrieden"}, {"Zufrieden", "Eher zufrieden"}, {"Sehr zufrieden"}},
		"ru": {{"Очень недоволен", "Очень недовольна"}, {"Недоволен", "Недовольна", "Не доволен", "Не довольна"}, {"Доволен", "Довольна"}, {"Очень доволен", "Очень довольна"}},
		"lv": {{"Ļoti neapmierināts", "Ļoti neapmierināta"}, {"Neapmierināts", "Neapmierināta"}, {"Apmierināts", "Apmierināta"}, {"Ļoti apmierināts", "Ļoti apmierināta"}},
		"it": {{"Molto insoddisfatto", "Molto insoddisfatta"}, {"Insoddisfatto", "Insoddisfatta"}, {"Soddisfatto", "Soddisfatta"}, {"Molto soddisfatto", "Molto soddisfatta"}},
		"zh": {{"非常不满意", "非常不滿意"}, {"不满意", "不滿意"}, {"满意", "滿意"}, {"非常满意", "非常滿意"}},
	}},
	{familySatisfaction, 6, map[string][][]string{
		"en": {{"Very dissatisfied", "Extremely dissatisfied"}, {"Dissatisfied", "Moderately dissatisfied"}, {"Somewhat dissatisfied", "Slightly dissatisfied"}, {"Somewhat satisfied", "Slightly satisfied"}, {"Satisfied", "Moderately satisfied"}, {"Very satisfied", "Extremely satisfied"}},
		"ru": {{"Очень недоволен", "Очень недовольна"}, {"Недоволен", "Недовольна"}, {"Скорее недоволен", "Скорее недовольна"}, {"Скорее доволен", "Скорее довольна"}, {"Доволен", "Довольна"}, {"Очень доволен", "Очень довольна"}},
		"lv": {{"Ļoti neapmierināts", "Ļoti neapmierināta"}, {"Neapmierināts", "Neapmierināta"}, {"Drīzāk neapmierināts", "Drīzāk neapmierināta"}, {"Drīzāk apmierināts", "Drīzāk apmierināta"}, {"Apmierināts", "Apmierināta"}, {"Ļoti apmierināts", "Ļoti apmierināta"}},
		"it": {{"Molto insoddisfatto", "Molto insoddisfatta"}, {"Insoddisfatto", "Insoddisfatta"}, {"Abbastanza insoddisfatto", "Abbastanza insoddisfatta"}, {"Abbastanza soddisfatto", "Abbastanza soddisfatta"}, {"Soddisfatto", "Soddisfatta"}, {"Molto soddisfatto", "Molto soddisfatta"}},
		"zh": {{"非常不满意", "非常不滿意"}, {"不满意", "不滿意"}, {"有点不满意", "有點不滿意"}, {"有点满意", "有點滿意"}, {"满意", "滿意"}, {"非常满意", "非常滿意"}},
	}},
	{familySatisfaction, 7, map[string][][]string{
		"en": {{"Very dissatisfied", "Extremely dissatisfied", "Completely dissatisfied"},
			{"Dissatisfied", "Mostly dissatisfied", "Moderately dissatisfied"},
			{"Somewhat dissatisfied", "Slightly dissatisfied"},
			{"Neutral", "Neither satisfied nor dissatisfied"},
			{"Somewhat satisfied", "Slightly satisfied"},
			{"Satisfied", "Mostly satisfied", "Moderately satisfied"},
			{"Very satisfied", "Extremely satisfied", "Completely satisfied"}},
		"ru": {{"Очень недоволен", "Очень недовольна", "Совсем не доволен"},
			{"Недоволен", "Недовольна", "Не доволен"},
			{"Скорее недоволен", "Скорее недовольна", "Скорее не доволен"},
			{"Нейтрально", "Нейтрален", "Ни то ни другое"},
			{"Скорее доволен", "Скорее довольна"},
			{"Доволен", "Довольна"},
			{"Очень доволен", "Очень довольна", "Полностью доволен"}},
		"lv": {{"Ļoti neapmierināts", "Ļoti neapmierināta"},
			{"Neapmierināts", "Neapmierināta"},
			{"Drīzāk neapmierināts", "Drīzāk neapmierināta", "Daļēji neapmierināts"},
			{"Neitrāli", "Neitrāls"},
			{"Drīzāk apmierināts", "Drīzāk apmierināta", "Daļēji apmierināts"},
			{"Apmierināts", "Apmierināta"},
			{"Ļoti apmierināts", "Ļoti apmierināta"}},
		"it": {{"Molto insoddisfatto", "Molto insoddisfatta"},
			{"Insoddisfatto", "Insoddisfatta"},
			{"Abbastanza insoddisfatto", "Piuttosto insoddisfatto", "Abbastanza insoddisfatta"},
			{"Neutrale", "Né soddisfatto né insoddisfatto"},
			{"Abbastanza soddisfatto", "Piuttosto soddisfatto", "Abbastanza soddisfatta"},
			{"Soddisfatto", "Soddisfatta"},
			{"Molto soddisfatto", "Molto soddisfatta"}},
		"zh": {{"非常不满意", "非常不滿意"},
			{"不满意", "不滿意"},
			{"有点不满意", "有點不滿意", "比较不满意", "比較不滿意"},
			{"一般", "中立"},
			{"有点满意", "有點滿意", "比较满意", "比較滿意"},
			{"满意", "滿意"},
			{"非常满意", "非常滿意"}},
	}},
	{familyAgreement, 5, map[string][][]string{
		"en": {{"Strongly disagree", "Completely disagree"}, {"Disagree"}, {"Neutral", "Neither agree nor disagree"}, {"Agree"}, {"Strongly agree", "Completely agree"}},
		"es": {{"Totalmente en desacuerdo", "Muy en desacuerdo"}, {"En desacuerdo"}, {"Ni de acuerdo ni en desacuerdo", "Neutral"}, {"De acuerdo"}, {"Totalmente de acuerdo", "Muy de acuerdo"}},
		"pt": {{"Discordo totalmente", "Discordo completamente"}, {"Discordo"}, {"Não concordo nem discordo", "Nem concordo nem discordo", "Neutro"}, {"Concordo"}, {"Concordo totalmente", "Concordo completamente"}},
		"fr": {{"Pas du tout d'accord", "Tout à fait en désaccord"}, {"Pas d'accord", "Plutôt pas d'accord"}, {"Ni d'accord ni pas d'accord", "Neutre"}, {"D'accord", "Plutôt d'accord"}, {"Tout à fait d'accord"}},
		"de": {{"Stimme überhaupt nicht zu", "Trifft überhaupt nicht zu"}, {"Stimme nicht zu", "Stimme eher nicht zu", "Trifft eher nicht zu"}, {"Weder noch", "Neutral"}, {"Stimme zu", "Stimme eher zu", "Trifft eher zu"}, {"Stimme voll zu", "Stimme voll und ganz zu", "Trifft voll zu"}},
		"ru": {{"Полностью не согласен", "Совершенно не согласен", "Категорически не согласен"}, {"Не согласен", "Не согласна"}, {"Нейтрально", "Ни да ни нет", "Затрудняюсь ответить"}, {"Согласен", "Согласна"}, {"Полностью согласен", "Полностью согласна", "Совершенно согласен"}},
		"lv": {{"Pilnīgi nepiekrītu", "Pilnībā nepiekrītu"}, {"Nepiekrītu"}, {"Neitrāli", "Ne piekrītu, ne nepiekrītu"}, {"Piekrītu"}, {"Pilnīgi piekrītu", "Pilnībā piekrītu"}},
		"it": {{"Fortemente in disaccordo", "Completamente in disaccordo"}, {"In disaccordo", "Disaccordo"}, {"Neutrale", "Né d'accordo né in disaccordo"}, {"D'accordo", "Accordo"}, {"Fortemente d'accordo", "Completamente d'accordo"}},
		"zh": {{"非常不同意", "完全不同意", "非常不认同", "完全不认同", "非常不認同", "完全不認同"}, {"不同意", "不认同", "不認同"}, {"中立", "一般"}, {"同意", "认同", "認同", "比较同意", "比較同意"}, {"非常同意", "完全同意", "非常认同", "完全认同", "非常認同", "完全認同"}},
	}},
	{familyAgreement, 7, map[string][][]string{
		"en": {{"Strongly disagree", "Completely disagree"}, {"Disagree"}, {"Somewhat disagree", "Slightly disagree", "More disagree than agree", "Mildly disagree"}, {"Neutral", "Neither agree nor disagree"}, {"Somewhat agree", "Slightly agree", "More agree than disagree", "Mildly agree"}, {"Agree"}, {"Strongly agree", "Completely agree"}},
		"ru": {{"Полностью не согласен", "Совершенно не согласен"}, {"Не согласен", "Не согласна"}, {"Скорее не согласен", "Скорее не согласна"}, {"Нейтрально", "Ни да ни нет"}, {"Скорее согласен", "Скорее согласна"}, {"Согласен", "Согласна"}, {"Полностью согласен", "Полностью согласна"}},
		"lv": {{"Pilnīgi nepiekrītu", "Pilnībā nepiekrītu"}, {"Nepiekrītu"}, {"Drīzāk nepiekrītu", "Daļēji nepiekrītu"}, {"Neitrāli"}, {"Drīzāk piekrītu", "Daļēji piekrītu"}, {"Piekrītu"}, {"Pilnīgi piekrītu", "Pilnībā piekrītu"}},
		"it": {{"Fortemente in disaccordo", "Completamente in disaccordo"}, {"In disaccordo"}, {"Abbastanza in disaccordo", "Parzialmente in disaccordo"}, {"Neutrale", "Né d'accordo né in disaccordo"}, {"Abbastanza d'accordo", "Parzialmente d'accordo"}, {"D'accordo"}, {"Fortemente d'accordo", "Completamente d'accordo"}},
		"zh": {{"非常不同意", "完全不同意"}, {"不同意"}, {"有点不同意", "有點不同意", "比较不同意"}, {"中立", "一般"}, {"有点同意", "有點同意", "比较同意"}, {"同意"}, {"非常同意", "完全同意"}},
	}},
	{familyEase, 7, map[string][][]string{
		"en": {{"Very difficult", "Extremely difficult"}, {"Difficult"}, {"Somewhat difficult", "Slightly difficult"}, {"Neutral", "Neither easy nor difficult"}, {"Somewhat easy", "Slightly easy"}, {"Easy"}, {"Very easy", "Extremely easy"}},
		"ru": {{"Очень сложно", "Очень трудно"}, {"Сложно", "Трудно"}, {"Скорее сложно", "Скорее трудно"}, {"Нейтрально", "Ни легко ни сложно"}, {"Скорее легко", "Скорее просто"}, {"Легко", "Просто"}, {"Очень легко", "Очень просто"}},
		"lv": {{"Ļoti grūti", "Ļoti sarežģīti"}, {"Grūti", "Sarežģīti"}, {"Drīzāk grūti"}, {"Neitrāli"}, {"Drīzāk viegli"}, {"Viegli", "Vienkārši"}, {"Ļoti viegli", "Ļoti vienkārši"}},
		"it": {{"Molto difficile"}, {"Difficile"}, {"Abbastanza difficile", "Piuttosto difficile"}, {"Neutrale", "Né facile né difficile"}, {"Abbastanza facile", "Piuttosto facile"}, {"Facile"}, {"Molto facile"}},
		"zh": {{"非常困难", "非常困難", "非常难", "非常難"}, {"困难", "困難", "难", "難"}, {"有点困难", "有點困難", "比较困难"}, {"一般", "中立"}, {"有点容易", "有點容易", "比较容易"}, {"容易", "简单", "簡單"}, {"非常容易", "非常简单", "非常簡單"}},
	}},
	{familyEase, 5, map[string][][]string{
		"en": {{"Very difficult", "Extremely difficult"}, {"Difficult"}, {"Neutral", "Neither easy nor difficult"}, {"Easy"}, {"Very easy", "Extremely easy"}},
		"ru": {{"Очень сложно", "Очень трудно"}, {"Сложно", "Трудно"}, {"Нейтрально", "Ни легко ни сложно"}, {"Легко", "Просто"}, {"Очень легко", "Очень просто"}},
		"lv": {{"Ļoti grūti", "Ļoti sarežģīti"}, {"Grūti", "Sarežģīti"}, {"Neitrāli"}, {"Viegli", "Vienkārši"}, {"Ļoti viegli", "Ļoti vienkārši"}},
		"it": {{"Molto difficile"}, {"Difficile"}, {"Neutrale", "Né facile né difficile"}, {"Facile"}, {"Molto facile"}},
		"zh": {{"非常困难", "非常困難"}, {"困难", "困難"}, {"一般", "中立"}, {"容易", "简单", "簡單"}, {"非常容易", "非常简单", "非常簡單"}},
	}},
	{familyLikelihood, 5, map[string][][]string{
		"en": {{"Very unlikely", "Extremely unlikely", "Not at all likely"}, {"Unlikely", "Not likely"}, {"Neutral", "Not sure", "Neither likely nor unlikely"}, {"Likely"}, {"Very likely", "Extremely likely"}},
		"es": {{"Muy improbable", "Nada probable"}, {"Improbable", "Poco probable"}, {"Ni probable ni improbable"}, {"Probable"}, {"Muy probable"}},
		"pt": {{"Muito improvável", "Nada provável"}, {"Improvável", "Pouco provável"}, {"Nem provável nem improvável"}, {"Provável"}, {"Muito provável"}},
		"ru": {{"Очень маловероятно", "Точно нет"}, {"Маловероятно", "Скорее нет"}, {"Нейтрально", "Не знаю", "Не уверен"}, {"Вероятно", "Скорее да"}, {"Очень вероятно", "Точно да"}},
		"lv": {{"Ļoti maz ticams", "Noteikti nē"}, {"Maz ticams", "Drīzāk nē"}, {"Neitrāli", "Nezinu"}, {"Ticams", "Drīzāk jā"}, {"Ļoti ticams", "Noteikti jā"}},
		"it": {{"Molto improbabile", "Per niente probabile"}, {"Improbabile", "Poco probabile"}, {"Neutrale", "Non so"}, {"Probabile"}, {"Molto probabile"}},
		"zh": {{"非常不可能"}, {"不太可能", "不可能"}, {"不确定", "不確定", "一般"}, {"可能", "有可能"}, {"非常可能", "很可能"}},
	}},
	{familyQuality, 5, map[string][][]string{
		"en": {{"Very poor", "Very bad", "Terrible", "Awful"}, {"Poor", "Bad"}, {"Fair", "Average", "OK"}, {"Good"}, {"Excellent", "Outstanding"}},
		"es": {{"Muy malo", "Muy mala", "Pésimo", "Pésima"}, {"Malo", "Mala"}, {"Regular", "Aceptable"}, {"Bueno", "Buena"}, {"Excelente", "Muy bueno", "Muy buena"}},
		"pt": {{"Muito ruim", "Péssimo", "Péssima", "Muito mau", "Muito má"}, {"Ruim", "Mau", "Má"}, {"Regular", "Razoável"}, {"Bom", "Boa"}, {"Excelente", "Ótimo", "Ótima", "Muito bom", "Muito boa"}},
		"fr": {{"Très mauvais", "Très mauvaise"}, {"Mauvais", "Mauvaise"}, {"Moyen", "Moyenne", "Passable"}, {"Bon", "Bonne", "Bien"}, {"Excellent", "Excellente", "Très bon", "Très bien"}},
		"de": {{"Sehr schlecht", "Mangelhaft"}, {"Schlecht"}, {"Mittel", "Durchschnittlich", "Befriedigend"}, {"Gut"}, {"Sehr gut", "Ausgezeichnet", "Hervorragend"}},
		"ru": {{"Очень плохо", "Ужасно"}, {"Плохо"}, {"Нормально", "Средне", "Удовлетворительно"}, {"Хорошо"}, {"Отлично", "Превосходно"}},
		"lv": {{"Ļoti slikti", "Briesmīgi"}, {"Slikti"}, {"Viduvēji", "Normāli"}, {"Labi"}, {"Teicami", "Izcili", "Lieliski"}},
		"it": {{"Pessimo", "Molto scarso", "Molto male"}, {"Scarso", "Male"}, {"Sufficiente", "Nella media", "Discreto"}, {"Buono", "Bene"}, {"Ottimo", "Eccellente"}},
		"zh": {{"很差", "非常差"}, {"差", "较差", "較差"}, {"还行", "還行", "尚可"}, {"好", "良好"}, {"非常好", "优秀", "優秀", "很好"}},
	}},
	{familyYesNo, 2, map[string][][]string{
		"en": {{"No", "N", "False"}, {"Yes", "Y", "True"}},
		"ru": {{"Нет"}, {"Да"}},
		"lv": {{"Nē", "Ne"}, {"Jā", "Ja"}},
		"it": {{"No"}, {"Sì", "Si"}},
		"zh": {{"否", "不是", "没有", "沒有"}, {"是", "是的", "有"}},
		"es": {{"No"}, {"Sí"}},
		"pt": {{"Não"}, {"Sim"}},
		"fr": {{"Non"}, {"Oui"}},
		"de": {{"Nein"}, {"Ja"}},
	}},
	{familyGoodBad, 2, map[string][][]string{
		"en": {{"Bad", "Bad, I'm unsatisfied", "Bad, I'm unsatisfied 👎", "Thumbs down"}, {"Good", "Good, I'm satisfied", "Good, I'm satisfied 👍", "Thumbs up"}},
	}},
}

// guessTables propose a question's labels when Guess makes a survey, but
// answers are read by those labels only, never by the tables: their words
// mean other points in scaleTables.
var guessTables = []scaleTable{
	// "Very bad … Excellent" with no middle word: good, very good and
	// excellent are the top three points.
	{familyQualityVG, 5, map[string][][]string{
		"en": {{"Very bad", "Very poor"}, {"Bad", "Poor"}, {"Good"}, {"Very good"}, {"Excellent"}},
		"fr": {{"Très mauvais", "Tres mauvais"}, {"Mauvais"}, {"Bon", "Bien"}, {"Très bon", "Tres bon", "Très bien"}, {"Excellent"}},
		"es": {{"Muy malo"}, {"Malo"}, {"Bueno"}, {"Muy bueno"}, {"Excelente"}},
		"pt": {{"Muito ruim", "Muito mau"}, {"Ruim", "Mau"}, {"Bom"}, {"Muito bom"}, {"Excelente", "Ótimo"}},
		"it": {{"Pessimo"}, {"Scarso"}, {"Buono"}, {"Molto buono"}, {"Ottimo", "Eccellente"}},
		"de": {{"Sehr schlecht"}, {"Schlecht"}, {"Gut"}, {"Sehr gut"}, {"Ausgezeichnet", "Hervorragend"}},
		"ru": {{"Очень плохо"}, {"Плохо"}, {"Хорошо"}, {"Очень хорошо"}, {"Отлично"}},
	}},
}

// guessIndex maps a normalised label to its places in guessTables.
var guessIndex = func() map[string][]labelHit {
	idx := map[string][]labelHit{}
	for _, t := range guessTables {
		for lang, positions := range t.langs {
			for pos, syns := range positions {
				for _, s := range syns {
					k := NormalizeLabel(s)
					idx[k] = append(idx[k], labelHit{t.family, t.points, lang, pos})
				}
			}
		}
	}
	return idx
}()

// Emoji faces by mood, from angriest (0) to happiest (4). On a 5-point scale
// mood m is point m+1; on a 3-point scale moods 0–1, 2 and 3–4 are 1, 2, 3.
var emojiMoods = [5]string{
	"😞😡😠🤬😤😫😖😩😭😢",
	"🙁☹😕😟😒😔",
	"😐😑😶",
	"🙂☺😊😌",
	"😀😃😄😁😍🤩🥰😆🥳😻",
}

// Yes and no symbols.
const (
	yesSymbols = "👍✅✔✓☑"
	noSymbols  = "👎❌✖✗✘"
)

// Stars: filled and empty.
const (
	filledStars = "★⭐🌟✭✮"
	emptyStars  = "☆✩"
)
