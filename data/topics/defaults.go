package topics

import "strings"

// builtin is one topic of the built-in library: names and words per
// language, words separated by "|". The vocabulary follows how customers
// write in each language (the project's seed articles in ru, lv, it and
// zh: обслуживание, время доставки, apkalpošana, piegāde, servizio,
// qualità, 配送, 質量 …); stems make one form stand for its inflections.
type builtin struct {
	id    string
	names [6]string // en, ru, lv, it, zh_Hans, zh_Hant
	words [6]string
}

var library = []builtin{
	{"speed",
		[6]string{"Service speed", "Скорость обслуживания", "Apkalpošanas ātrums", "Velocità del servizio", "服务速度", "服務速度"},
		[6]string{
			"slow|slowly|fast|quick|quickly|speed|took ages|took forever|too long",
			"медленно|медленный|быстро|быстрый|скорость|долго|долгий|оперативно",
			"lēni|lēns|ātri|ātrs|ātrums|ilgi|ilgs|ilgāk|ātrāk",
			"lent*|veloc*|rapid*|tempi lunghi|troppo tempo",
			"慢|很快|迅速|效率|速度|上菜",
			"迅速|效率|速度|上菜"}},
	{"waiting",
		[6]string{"Waiting time", "Время ожидания", "Gaidīšanas laiks", "Tempo di attesa", "等待时间", "等待時間"},
		[6]string{
			"wait|waiting|queue|delay|delayed|waited",
			"жд*|подожд*|прожд*|ожидание|очередь|задержка|опозд*",
			"gaid*|rinda|rindā|kavēj*|kavēšanās",
			"attesa|attese|aspett*|fila|coda|ritardo|ritardi",
			"等了|等待|等候|排队|久等|半天",
			"等了|等待|等候|排隊|久等|半天"}},
	{"staff",
		[6]string{"Staff friendliness", "Вежливость персонала", "Personāla laipnība", "Cortesia del personale", "员工态度", "員工態度"},
		[6]string{
			"staff|waiter|waitress|barista|cashier|employee|seller|manager|rude|friendly|unfriendly|polite|impolite|helpful|smile|attitude|customer service|support",
			"персонал|официант|официантка|продавец|продавщица|кассир|сотрудник|администратор|вежливый|вежливо|невежливый|грубый|грубо|хамство|хамить|приветливый|улыбка|обслуживание|поддержка",
			"personāls|viesmīlis|viesmīle|oficiants|pārdevējs|pārdevēja|kasieris|kasiere|darbinieks|laipns|laipni|nelaipns|nelaipni|rupjš|rupji|pieklājīgs|smaids|apkalpošana|apkalpoja|atbalsts",
			"personale|staff|cameriere|cameriera|camerieri|commesso|commessa|cassiere|cassiera|gentile|scortese|maleducato|cortese|sorriso|servizio|accoglienza|assistenza",
			"服务员|店员|员工|态度|热情|礼貌|微笑|收银员|客服|服务",
			"服務員|店員|員工|態度|熱情|禮貌|微笑|收銀員|客服|服務"}},
	{"cleanliness",
		[6]string{"Cleanliness", "Чистота", "Tīrība", "Pulizia", "卫生", "衛生"},
		[6]string{
			"clean*|dirty|mess|messy|toilet|restroom|bathroom|hygiene|smell|smelly|sticky|dust|dusty",
			"чисто|чистый|чистота|грязно|грязный|грязь|туалет|запах|пыль|антисанитария|липкий",
			"tīrs|tīri|tīrība|netīrs|netīri|netīrība|tualete|smaka|putekļi|lipīgs|higiēna",
			"pulito|pulita|puliti|pulizia|sporco|sporca|sporchi|sporcizia|bagno|bagni|igiene|odore|odori|puzz*",
			"干净|脏|卫生|厕所|洗手间|异味|灰尘",
			"乾淨|髒|衛生|廁所|洗手間|異味|灰塵"}},
	{"price",
		[6]string{"Price", "Цена", "Cena", "Prezzo", "价格", "價格"},
		[6]string{
			"price|expensive|cheap|overpriced|overcharged|cost|pricey|value for money|extra charge",
			"цена|дорого|дорогой|дешево|дешевый|стоимость|переплата|ценник",
			"cena|dārgs|dārgi|lēts|lēti|maksa|izmaksas",
			"prezzo|prezzi|caro|cara|cari|care|costoso|economico",
			"价格|太贵|很贵|偏贵|贵了|便宜|性价比|收费|价钱",
			"價格|太貴|很貴|偏貴|貴了|便宜|性價比|收費|價錢"}},
	{"food",
		[6]string{"Food and drink quality", "Качество еды и напитков", "Ēdiena un dzērienu kvalitāte", "Qualità di cibo e bevande", "餐饮质量", "餐飲質量"},
		[6]string{
			"food|taste|tasty|tasteless|delicious|cold|coffee|latte|cappuccino|espresso|flat white|tea|chocolate|milk|lemonade|drink|dish|meal|portion|fresh|stale|burnt|soup|salad|sandwich|bread|bun|croissant*|cake|cookie*|pastry|salty",
			"еда|блюдо|вкус|вкусно|вкусный|невкусно|невкусный|холодный|кофе|латте|капучино|чай|напиток|порция|свежий|несвежий|пересоленный|суп|салат|сэндвич|бутерброд|булочка|круассан|десерт|торт|пирожное",
			"ēdiens|garša|garšīgs|garšīgi|negaršīgs|negaršīgi|kafija|latte|kapučīno|tēja|dzēriens|porcija|svaigs|auksts|zupa|salāti|sviestmaize|maize|bulciņa|kruasāns|kūka|deserts|sāļš",
			"cibo|piatto|gusto|gustoso|delizioso|freddo|caffè|cappuccino|cornett*|brioche|tè|bevanda|porzione|fresco|pizza|pasta|panino|panini|insalata|dolce|dolci|torta|salato|insipido",
			"菜品|饭菜|味道|好吃|难吃|口味|咖啡|拿铁|奶茶|饮料|食物|分量|新鲜|凉了|太咸|蛋糕|面包|沙拉|三明治",
			"菜品|飯菜|味道|好吃|難吃|口味|咖啡|拿鐵|奶茶|飲料|食物|份量|新鮮|涼了|太鹹|蛋糕|麵包|沙拉|三明治"}},
	{"quality",
		[6]string{"Product quality", "Качество товара", "Preces kvalitāte", "Qualità del prodotto", "产品质量", "產品質量"},
		[6]string{
			"quality|broken|defective|damaged|faulty|product|item|size",
			"качество|качественный|брак|бракованный|слом*|товар|размер|испорчен*",
			"kvalitāte|kvalitatīvs|bojāts|salūzis|salūza|prece|produkts|izmērs",
			"qualità|difettoso|rotto|rotta|rotti|prodotto|articolo|taglia|danneggiat*",
			"质量|品质|坏了|破损|瑕疵|产品|商品|尺码",
			"質量|品質|壞了|破損|瑕疵|產品|商品|尺碼"}},
	{"choice",
		[6]string{"Choice and assortment", "Выбор и ассортимент", "Izvēle un sortiments", "Scelta e assortimento", "选择与品种", "選擇與品種"},
		[6]string{
			"choice|selection|variety|assortment|menu|options|out of stock|sold out",
			"выбор|ассортимент|меню|нет в наличии|разнообразие",
			"izvēle|sortiments|ēdienkarte|piedāvājums|nav pieejams",
			"scelta|assortimento|menù|varietà|esaurito|esaurita|disponibil*",
			"选择|品种|种类|菜单|缺货|没货|选项",
			"選擇|品種|種類|菜單|缺貨|沒貨|選項"}},
	{"atmosphere",
		[6]string{"Atmosphere", "Атмосфера", "Gaisotne", "Atmosfera", "环境氛围", "環境氛圍"},
		[6]string{
			"atmosphere|cozy|cosy|music|noisy|noise|loud|interior|ambience|comfortable|uncomfortable|crowded|stuffy|too hot|too cold|temperature|chairs|seats|seating|terrace|decorations",
			"атмосфера|уютно|уютный|музыка|шумно|шум|интерьер|душно|тесно|жарко|стулья|терраса",
			"atmosfēra|gaisotne|mājīgs|mājīgi|mūzika|skaļš|skaļi|troksnis|interjers|smacīgs|karsts|karsti|auksti telpā|krēsli|terase",
			"atmosfera|ambiente|accogliente|musica|rumoroso|rumore|arredamento|caldo|sedie|terrazza|dehors",
			"环境|氛围|气氛|音乐|吵|嘈杂|舒适|装修|太热|座位|椅子",
			"環境|氛圍|氣氛|音樂|吵|嘈雜|舒適|裝修|太熱|座位|椅子"}},
	{"parking",
		[6]string{"Parking", "Парковка", "Autostāvvieta", "Parcheggio", "停车", "停車"},
		[6]string{
			"parking|car park|park",
			"парков*|припарков*|стоянка",
			"stāvvieta|autostāvvieta|parko*",
			"parchegg*",
			"停车|车位",
			"停車|車位"}},
	{"delivery",
		[6]string{"Delivery", "Доставка", "Piegāde", "Consegna", "配送", "配送"},
		[6]string{
			"delivery|deliver|courier|shipping|shipment|package|parcel|arrived",
			"достав*|курьер|посылка|привез*",
			"piegād*|kurjers|sūtījums|paka",
			"consegn*|corriere|spedizione|pacc*|arrivat*",
			"配送|送货|快递|物流|发货|送到|包裹",
			"配送|送貨|快遞|物流|發貨|送到|包裹"}},
	{"website",
		[6]string{"Website and app", "Сайт и приложение", "Mājaslapa un lietotne", "Sito e app", "网站与应用", "網站與應用"},
		[6]string{
			"website|site|app|online|checkout|login|page",
			"сайт|приложение|корзина|личный кабинет|интернет",
			"mājaslapa|vietne|lietotne|grozs|tiešsaist*",
			"sito|siti|app|applicazione|carrello|online|pagina",
			"网站|网页|页面|下单|购物车|登录",
			"網站|網頁|頁面|下單|購物車|登錄|登入"}},
	{"payment",
		[6]string{"Payment", "Оплата", "Apmaksa", "Pagamento", "付款", "付款"},
		[6]string{
			"payment|pay|paid|card|cash|receipt|bill",
			"оплата|оплатить|карта|наличные|терминал|чек|счет",
			"maksājums|apmaksa|karte|skaidra nauda|terminālis|čeks|rēķins",
			"pagamento|pagare|carta|contanti|bancomat|scontrino|pos|conto",
			"付款|支付|刷卡|现金|结账",
			"付款|支付|刷卡|現金|結帳"}},
	{"hours",
		[6]string{"Opening hours", "Часы работы", "Darba laiks", "Orari di apertura", "营业时间", "營業時間"},
		[6]string{
			"opening hours|opening times|open earlier|open later|open longer|closed|closes|closing",
			"часы работы|режим работы|открываться раньше|закрыт*|закрыва*",
			"darba laiks|darba laiku|slēgts|slēgta|atvērt agrāk|atvērts ilgāk",
			"orari di apertura|orario di apertura|apertura|chiuso|chiusa|aprire prima",
			"营业时间|开门|关门|早点开",
			"營業時間|開門|關門|早點開"}},
	{"booking",
		[6]string{"Booking", "Запись", "Pieraksts", "Prenotazione", "预约", "預約"},
		[6]string{
			"appointment|booking|book|reservation|reserve",
			"запис*|брон*",
			"pierakst*|rezerv*|vizīte",
			"appuntamento|prenot*",
			"预约|预订|订座|订位",
			"預約|預訂|訂座|訂位"}},
}

// businessTopics lists each business type's topics, most typical first.
var businessTopics = map[Business][]string{
	Cafe:    {"speed", "waiting", "staff", "cleanliness", "price", "food", "choice", "atmosphere", "parking", "payment", "booking", "hours"},
	Shop:    {"staff", "speed", "waiting", "cleanliness", "price", "quality", "choice", "atmosphere", "parking", "payment", "hours"},
	Online:  {"delivery", "website", "quality", "price", "choice", "staff", "payment", "speed", "waiting"},
	Service: {"booking", "waiting", "staff", "cleanliness", "price", "quality", "atmosphere", "parking", "payment", "hours"},
}

// Default returns the built-in dictionary of business type bt (Cafe's
// for an unknown type); a fresh copy each time.
func Default(bt Business) Dictionary {
	ids, ok := businessTopics[bt]
	if !ok {
		bt, ids = Cafe, businessTopics[Cafe]
	}
	d := Dictionary{Business: bt}
	for _, id := range ids {
		for _, b := range library {
			if b.id != id {
				continue
			}
			t := Topic{ID: id, Names: map[string]string{}, Words: map[string][]string{}}
			for i, l := range Languages {
				t.Names[l] = b.names[i]
				for _, w := range strings.Split(b.words[i], "|") {
					if w = NormalizeWord(w); w != "" {
						t.Words[l] = append(t.Words[l], w)
					}
				}
			}
			d.Topics = append(d.Topics, t)
		}
	}
	return d
}
