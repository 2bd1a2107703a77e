package insight

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Settings are the business's choices that charts and cards honour. They
// live in the database (so a backup carries them); the theme and language
// are per user and live in the window's preferences.
type Settings struct {
	Business string  `json:"business"`
	BandLow  float64 `json:"band_low"`
	BandHigh float64 `json:"band_high"`
	Goal     float64 `json:"goal"`      // 0 = none
	GoalDate string  `json:"goal_date"` // YYYY-MM-DD, optional
	// IncludeMisuse counts kiosk presses flagged as misuse in the charts
	// and cards; by default they are left out (see ChartSource).
	IncludeMisuse bool `json:"include_misuse,omitempty"`
}

// DefaultSettings is the general "good CSAT" band of 75–85 %.
var DefaultSettings = Settings{BandLow: 75, BandHigh: 85}

// BandPreset is a typical benchmark band of a trade.
type BandPreset struct {
	Name      string
	Low, High float64
}

// BandPresets are typical bands by trade. Industry indexes such as the
// ACSI use a 0–100 mean score, not a % satisfied, so they are not
// comparable.
func BandPresets(lang Texts) []BandPreset {
	return []BandPreset{
		{lang.L("General (75–85 %)"), 75, 85},
		{lang.L("Restaurants and cafés (80–90 %)"), 80, 90},
		{lang.L("Retail shops (78–88 %)"), 78, 88},
		{lang.L("Online shops (75–85 %)"), 75, 85},
		{lang.L("Phone support (70–80 %)"), 70, 80},
	}
}

// SettingStore keeps named settings; the store satisfies it.
type SettingStore interface {
	Setting(key string) ([]byte, error)
	SetSetting(key string, value []byte) error
}

// SettingsKey is the key the settings are stored under.
const SettingsKey = "settings"

// LoadSettings reads the business's settings; a missing, unreadable or
// nonsensical record gives DefaultSettings.
func LoadSettings(st SettingStore) Settings {
	s := DefaultSettings
	b, err := st.Setting(SettingsKey)
	if err != nil || b == nil {
		return s
	}
	if json.Unmarshal(b, &s) != nil || s.BandLow <= 0 || s.BandHigh <= s.BandLow || s.BandHigh > 100 {
		return DefaultSettings
	}
	return s
}

// SaveSettings stores s.
func SaveSettings(st SettingStore, s Settings) error {
	b, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	if err := st.SetSetting(SettingsKey, b); err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	return nil
}

// ParsePercent reads a percentage typed by a user: "78", "78.5" or
// "78,5", between 0 and 100.
func ParsePercent(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(s), ",", ".", 1), 64)
	if err != nil || math.IsNaN(v) || v < 0 || v > 100 {
		return 0, fmt.Errorf("%q is not a percentage between 0 and 100", s)
	}
	return v, nil
}

// Place is where a CSAT % lies against the benchmark band.
type Place int

// The places of a CSAT % against the band (its ends are within it).
const (
	WithinBand Place = iota
	BelowBand
	AboveBand
)

// Place says where percent lies against the band.
func (s Settings) Place(percent float64) Place {
	switch {
	case percent < s.BandLow:
		return BelowBand
	case percent > s.BandHigh:
		return AboveBand
	}
	return WithinBand
}
