package topics

import "testing"

// The vectors of Lucene's TestLatvianStemmer (Apache License 2.0): every
// case of the six noun declensions, adjectives, palatalization and the
// length guards.
var lucenesLatvianVectors = []struct{ in, want string }{
	// decl. I
	{"tēvs", "tēv"}, {"tēvi", "tēv"}, {"tēva", "tēv"}, {"tēvu", "tēv"}, {"tēvam", "tēv"}, {"tēviem", "tēv"},
	{"tēvus", "tēv"}, {"tēvā", "tēv"}, {"tēvos", "tēv"},
	// decl. II: c → č
	{"lācis", "lāc"}, {"lāči", "lāc"}, {"lāča", "lāc"}, {"lāču", "lāc"}, {"lācim", "lāc"}, {"lāčiem", "lāc"},
	{"lāci", "lāc"}, {"lāčus", "lāc"}, {"lācī", "lāc"}, {"lāčos", "lāc"},
	// decl. II: n → ņ
	{"akmens", "akmen"}, {"akmeņi", "akmen"}, {"akmeņu", "akmen"}, {"akmenim", "akmen"}, {"akmeņiem", "akmen"},
	{"akmeni", "akmen"}, {"akmeņus", "akmen"}, {"akmenī", "akmen"}, {"akmeņos", "akmen"},
	// decl. II: no palatalization
	{"kurmis", "kurm"}, {"kurmji", "kurm"}, {"kurmja", "kurm"}, {"kurmju", "kurm"}, {"kurmim", "kurm"},
	{"kurmjiem", "kurm"}, {"kurmi", "kurm"}, {"kurmjus", "kurm"}, {"kurmī", "kurm"}, {"kurmjos", "kurm"},
	// decl. III
	{"lietus", "liet"}, {"lieti", "liet"}, {"lietu", "liet"}, {"lietum", "liet"}, {"lietiem", "liet"},
	{"lietū", "liet"}, {"lietos", "liet"},
	// decl. IV
	{"lapa", "lap"}, {"lapas", "lap"}, {"lapu", "lap"}, {"lapai", "lap"}, {"lapām", "lap"}, {"lapā", "lap"},
	{"lapās", "lap"}, {"puika", "puik"}, {"puikas", "puik"}, {"puiku", "puik"}, {"puikam", "puik"},
	{"puikām", "puik"}, {"puikā", "puik"}, {"puikās", "puik"},
	// decl. V: l → ļ
	{"egle", "egl"}, {"egles", "egl"}, {"egļu", "egl"}, {"eglei", "egl"}, {"eglēm", "egl"}, {"egli", "egl"},
	{"eglē", "egl"}, {"eglēs", "egl"},
	// decl. VI
	{"govs", "gov"}, {"govis", "gov"}, {"govju", "gov"}, {"govij", "gov"}, {"govīm", "gov"}, {"govi", "gov"},
	{"govī", "gov"}, {"govīs", "gov"},
	// adjectives
	{"zils", "zil"}, {"zilais", "zil"}, {"zili", "zil"}, {"zilie", "zil"}, {"zila", "zil"}, {"zilā", "zil"},
	{"zilas", "zil"}, {"zilās", "zil"}, {"zilu", "zil"}, {"zilo", "zil"}, {"zilam", "zil"}, {"zilajam", "zil"},
	{"ziliem", "zil"}, {"zilajiem", "zil"}, {"zilai", "zil"}, {"zilajai", "zil"}, {"zilām", "zil"},
	{"zilajām", "zil"}, {"zilus", "zil"}, {"zilos", "zil"}, {"zilajā", "zil"}, {"zilajos", "zil"}, {"zilajās", "zil"},
	// palatalization
	{"krāsns", "krāsn"}, {"krāšņu", "krāsn"}, {"zvaigzne", "zvaigzn"}, {"zvaigžņu", "zvaigzn"},
	{"kāpslis", "kāpsl"}, {"kāpšļu", "kāpsl"}, {"zizlis", "zizl"}, {"zižļu", "zizl"}, {"vilnis", "viln"},
	{"viļņu", "viln"}, {"lelle", "lell"}, {"leļļu", "lell"}, {"pinne", "pinn"}, {"piņņu", "pinn"},
	{"rīkste", "rīkst"}, {"rīkšu", "rīkst"},
	// length and vowel guards
	{"usa", "usa"}, {"60ms", "60ms"}, {"", ""},
}

func TestLatvianStemmerMatchesLucenesVectors(t *testing.T) {
	for _, v := range lucenesLatvianVectors {
		if got := StemLatvian(v.in); got != v.want {
			t.Errorf("StemLatvian(%q) = %q, want %q", v.in, got, v.want)
		}
	}
}

func TestItalianLightStemmerConflatesNumberAndGender(t *testing.T) {
	for _, v := range []struct{ in, want string }{
		{"camerieri", "camerier"}, {"cameriere", "camerier"}, {"cameriera", "camerier"},
		{"servizio", "serviz"}, {"servizi", "serviz"}, {"prezzo", "prezz"}, {"prezzi", "prezz"},
		{"amiche", "amic"}, {"amichi", "amic"}, {"caro", "caro"}, {"più", "piu"}, {"attesa", "attes"},
	} {
		if got := StemItalian(v.in); got != v.want {
			t.Errorf("StemItalian(%q) = %q, want %q", v.in, got, v.want)
		}
	}
}

func TestStemUsesSnowballForEnglishAndRussian(t *testing.T) {
	for _, v := range []struct{ lang, in, want string }{
		{"en", "waiting", "wait"}, {"en", "waited", "wait"}, {"en", "prices", "price"},
		{"ru", "официантом", "официант"}, {"ru", "официанты", "официант"}, {"ru", "ёлка", "елк"},
		{"zh_Hans", "服务", "服务"}, {"lv", "cenas", "cen"},
	} {
		if got := Stem(v.lang, v.in); got != v.want {
			t.Errorf("Stem(%s, %q) = %q, want %q", v.lang, v.in, got, v.want)
		}
	}
}
