package webform

import (
	"bytes"
	"fmt"
	"image"
	_ "image/png" // the QR code
	"io"

	"github.com/signintech/gopdf"
	qrcode "github.com/skip2/go-qrcode"

	"csatdesk/assets"
	"csatdesk/data"
	"csatdesk/data/translate"
)

// The sheet's words (survey's language).
var msgScan = lang.L("Scan with your phone's camera and tell us how we did")

// QRPNG is the QR code of url as a PNG of size×size pixels (error
// correction level "high": a crumpled table tent still reads).
func QRPNG(url string, size int) ([]byte, error) {
	b, err := qrcode.Encode(url, qrcode.High, size)
	if err != nil {
		return nil, fmt.Errorf("QR code of %s: %w", url, err)
	}
	return b, nil
}

// WriteSheet writes a printable A4 PDF for a table tent or the counter:
// the business and survey name, one line asking to scan, the QR code of
// url and url itself (for phones without a QR reader), in the survey's
// language.
func WriteSheet(w io.Writer, sv data.Survey, url string) error {
	tr, err := translate.For(sv.Language)
	if err != nil {
		tr, _ = translate.For("en")
	}
	png, err := QRPNG(url, 1024)
	if err != nil {
		return err
	}
	img, _, err := image.Decode(bytes.NewReader(png))
	if err != nil {
		return fmt.Errorf("QR code: %w", err)
	}
	pdf := &gopdf.GoPdf{}
	size := *gopdf.PageSizeA4
	pdf.Start(gopdf.Config{PageSize: size, Unit: gopdf.UnitPT})
	if err := pdf.AddTTFFontData("f", assets.FontTTF); err != nil {
		return fmt.Errorf("QR sheet font: %w", err)
	}
	pdf.AddPage()
	center := func(s string, pt, y float64) error {
		if err := pdf.SetFontSize(pt); err != nil {
			return err
		}
		wd, err := pdf.MeasureTextWidth(s)
		if err != nil {
			return err
		}
		pdf.SetXY((size.W-wd)/2, y)
		return pdf.Cell(nil, s)
	}
	if err := pdf.SetFont("f", "", 28); err != nil {
		return fmt.Errorf("QR sheet font: %w", err)
	}
	title := sv.Business
	if title == "" {
		title = sv.Name
	}
	steps := []error{
		center(title, 28, 90),
		center(tr.Text(msgScan, nil), 16, 140),
	}
	q := 360.0
	steps = append(steps, pdf.ImageFrom(img, (size.W-q)/2, 190, &gopdf.Rect{W: q, H: q}))
	steps = append(steps, center(url, 14, 190+q+30))
	if title != sv.Name {
		steps = append(steps, center(sv.Name, 12, 190+q+60))
	}
	for _, err := range steps {
		if err != nil {
			return fmt.Errorf("QR sheet: %w", err)
		}
	}
	if _, err := pdf.WriteTo(w); err != nil {
		return fmt.Errorf("QR sheet: %w", err)
	}
	return nil
}
