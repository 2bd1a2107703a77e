package numfmt

import (
	"math"
	"testing"
	"time"
)

func TestNumbersInEachLanguage(t *testing.T) {
	const nb = "\u00a0"
	cases := []struct {
		name, got, want string
	}{
		{"English decimal", For("en").Number(84.25, 1), "84.2"},
		{"Russian decimal comma", For("ru").Number(84.26, 1), "84,3"},
		{"Latvian decimal comma", For("lv_LV.UTF-8").Number(3.5, 2), "3,50"},
		{"Italian decimal comma", For("it-IT").Number(0.5, 1), "0,5"},
		{"Chinese decimal point", For("zh_Hans").Number(4.25, 2), "4.25"},
		{"no negative zero", For("en").Number(-0.01, 1), "0.0"},
		{"NaN is a dash", For("ru").Number(math.NaN(), 1), "–"},
		{"English thousands", For("en").Count(1234567), "1,234,567"},
		{"Russian thousands, no-break space", For("ru").Count(1234567), "1" + nb + "234" + nb + "567"},
		{"Latvian thousands, no-break space", For("lv").Count(12345), "12" + nb + "345"},
		{"Italian thousands", For("it").Count(1000), "1.000"},
		{"Traditional Chinese thousands", For("zh_Hant").Count(1000), "1,000"},
		{"negative count", For("en").Count(-4500), "-4,500"},
		{"small count", For("ru").Count(999), "999"},
		{"chart space", For("ru").WithSpace(" ").Count(1234567), "1 234 567"},
		{"short count keeps four digits", For("ru").ShortCount(1234), "1234"},
		{"short count groups five", For("it").ShortCount(12345), "12.345"},
		{"English percent", For("en").Percent(84.2, 1), "84.2%"},
		{"Chinese percent", For("zh_Hans").Percent(84.2, 1), "84.2%"},
		{"Russian percent", For("ru").WithSpace(" ").Percent(84.2, 1), "84,2 %"},
		{"Latvian percent", For("lv").WithSpace(" ").Percent(84.2, 1), "84,2 %"},
		{"Italian percent", For("it").Percent(84.2, 0), "84" + nb + "%"},
		{"spaced percent in English", For("en").SpacedPercent(78.44, 1), "78.4 %"},
		{"spaced percent in Latvian", For("lv").SpacedPercent(78.44, 1), "78,4 %"},
		{"positive NPS", For("en").Signed(31.6, 0), "+32"},
		{"negative NPS, real minus", For("lv").Signed(-4.6, 0), "−5"},
		{"zero NPS", For("en").Signed(-0.2, 0), "0"},
		{"a half rounds up, as the charts always did", For("en").Signed(12.5, 0), "+13"},
		{"a negative half rounds away from zero too", For("ru").Signed(-0.5, 0), "−1"},
		{"a half of a tenth", For("en").Signed(2.25, 1), "+2.3"},
		{"signed change with comma", For("it").Signed(2.14, 1), "+2,1"},
		{"signed change rounding to zero", For("en").Signed(0.04, 1), "0.0"},
		{"unknown language falls back to CLDR", For("de").Number(1.5, 1), "1,5"},
		{"C locale is English", For("C").Count(1000), "1,000"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("got %q, want %q", c.got, c.want)
			}
		})
	}
}

func TestDatesInEachLanguage(t *testing.T) {
	day := time.Date(2025, 9, 1, 15, 4, 0, 0, time.UTC)
	for code, want := range map[string]string{
		"en": "1 Sep 2025", "ru": "1.09.2025", "lv": "1.09.2025", "it": "01/09/2025",
		"zh_Hans": "2025年9月1日", "zh_Hant": "2025年9月1日", "xx": "1 Sep 2025",
	} {
		if got := For(code).Date(day); got != want {
			t.Errorf("%s: %q, want %q", code, got, want)
		}
	}
}

func TestDecimalCommaLanguages(t *testing.T) {
	for code, want := range map[string]bool{"en": false, "ru": true, "lv": true, "it": true, "zh_Hans": false, "zh_TW": false} {
		if got := For(code).DecimalComma(); got != want {
			t.Errorf("%s: DecimalComma = %v", code, got)
		}
	}
}
