package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
	"csatdesk/data/webform"
)

// "Collect from phones": a switch that starts the local survey page
// (data/webform) on this computer's address in the shop's network, a QR
// code to print (table tents, receipts) and a live count of the answers.
// The server stops when the switch is turned off or the window closes.

// defaultPhonePort is the port the phone page listens on.
const defaultPhonePort = 8080

// phonesPanel is the "Collect from phones" panel.
type phonesPanel struct {
	ui      *UI
	srv     *webform.Server
	svs     []data.Survey
	survey  *widget.Select
	addr    *widget.Select
	port    *widget.Entry
	on      *widget.Check
	qr      *canvas.Image
	url     *widget.Label
	count   *widget.Label
	status  *widget.Label
	actions *fyne.Container
	root    fyne.CanvasObject
}

// onPhones shows the panel.
func (u *UI) onPhones() {
	if u.phones == nil {
		p := &phonesPanel{ui: u}
		if err := p.buildUI(); err != nil {
			u.showError(err)
			return
		}
		u.phones = p
	}
	u.phones.refreshSurveys()
	d := dialog.NewCustom(lang.L("Collect from phones"), lang.L("Close"), u.phones.root, u.win)
	d.Resize(fyne.NewSize(760, 540))
	d.Show()
}

// stopPhones stops the phone page, if it runs.
func (u *UI) stopPhones() {
	if u.phones != nil {
		u.phones.stop()
	}
}

// phoneAddrs are the addresses offered: the private LAN addresses, then
// this computer only.
func phoneAddrs() []string {
	addrs, _ := webform.LANAddrs()
	return append(addrs, "127.0.0.1")
}

func (p *phonesPanel) buildUI() error {
	p.survey = widget.NewSelect(nil, nil)
	p.addr = widget.NewSelect(phoneAddrs(), nil)
	p.addr.SetSelectedIndex(0)
	p.port = widget.NewEntry()
	p.port.SetText(strconv.Itoa(defaultPhonePort))
	p.on = widget.NewCheck(lang.L("Collect from phones"), p.onSwitch)
	p.qr = canvas.NewImageFromImage(nil)
	p.qr.FillMode = canvas.ImageFillContain
	p.qr.SetMinSize(fyne.NewSize(240, 240))
	p.url = widget.NewLabel("")
	p.url.Selectable = true
	p.url.TextStyle = fyne.TextStyle{Bold: true}
	p.count = widget.NewLabel("")
	p.status = widget.NewLabel(lang.L("Phones on the same Wi-Fi scan the code and answer in their browser. Nothing goes to the internet."))
	p.status.Wrapping = fyne.TextWrapWord
	save := widget.NewButton(lang.L("Save QR code to print…"), p.onSaveQR)
	rotate := widget.NewButton(lang.L("New code"), p.onRotate)
	test := widget.NewButton(lang.L("Can a phone reach this laptop?"), p.onSelfTest)
	p.actions = container.NewVBox(save, rotate, test) // stacked: the QR code needs the width
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Survey"), p.survey),
		widget.NewFormItem(lang.L("Address"), p.addr),
		widget.NewFormItem(lang.L("Port"), p.port),
	)
	left := container.NewVBox(form, p.on, p.url, p.count, p.actions)
	p.root = container.NewBorder(nil, p.status, nil, container.NewCenter(p.qr), left)
	p.show()
	return nil
}

func (p *phonesPanel) refreshSurveys() {
	svs, names, err := p.ui.activeSurveys()
	if err != nil {
		p.ui.showError(err)
		return
	}
	sel := p.survey.Selected
	p.svs = svs
	p.survey.Options = names
	p.survey.Refresh()
	if sel == "" && len(names) > 0 {
		p.survey.SetSelectedIndex(0)
	}
}

// show updates the panel to the server's state.
func (p *phonesPanel) show() {
	running := p.srv != nil
	for _, o := range []fyne.Disableable{p.survey, p.addr, p.port} {
		if running {
			o.Disable()
		} else {
			o.Enable()
		}
	}
	for _, o := range p.actions.Objects {
		if b, ok := o.(*widget.Button); ok {
			if running {
				b.Enable()
			} else {
				b.Disable()
			}
		}
	}
	if !running {
		p.qr.Image = nil
		p.qr.Refresh()
		p.url.SetText("")
		p.count.SetText(lang.L("The phone page is off."))
		return
	}
	url := p.srv.URLs()[0]
	p.url.SetText(url)
	if png, err := webform.QRPNG(url, 480); err == nil {
		p.qr.Image = nil
		p.qr.Resource = fyne.NewStaticResource("qr.png", png)
		p.qr.Refresh()
	}
	p.showCount(p.srv.Count())
}

func (p *phonesPanel) showCount(n int) {
	p.count.SetText(lang.N("{{.Count}} answer from phones", n, map[string]any{"Count": n}))
}

func (p *phonesPanel) onSwitch(on bool) {
	if !on {
		p.stop()
		return
	}
	if p.srv != nil {
		return
	}
	if err := p.start(); err != nil {
		p.on.SetChecked(false)
		p.ui.showError(err)
	}
}

// start starts the phone page with the panel's choices.
func (p *phonesPanel) start() error {
	i := p.survey.SelectedIndex()
	if i < 0 || i >= len(p.svs) {
		return errors.New(lang.L("Choose a survey."))
	}
	port, err := strconv.Atoi(strings.TrimSpace(p.port.Text))
	if err != nil || port < 0 || port > 65535 { // 0: any free port
		return errors.New(lang.L("The port must be a number from 1 to 65535."))
	}
	addr := net.JoinHostPort(p.addr.Selected, strconv.Itoa(port))
	srv, err := webform.New(webform.Config{
		Survey: p.svs[i],
		Addrs:  []string{addr},
		OnSaved: func(n int) {
			fyne.Do(func() {
				p.showCount(n)
				p.ui.dataChanged()
			})
		},
	}, p.ui.st)
	if err != nil {
		return err
	}
	if err := srv.Start(); err != nil {
		return fmt.Errorf("%s: %w", lang.L("The phone page could not start"), err)
	}
	p.srv = srv
	p.show()
	return nil
}

// stop stops the phone page.
func (p *phonesPanel) stop() {
	if p.srv == nil {
		return
	}
	srv := p.srv
	p.srv = nil
	if err := srv.Close(); err != nil {
		fyne.LogError("phone page", err)
	}
	if p.on.Checked {
		p.on.SetChecked(false)
	}
	p.show()
}

func (p *phonesPanel) onRotate() {
	if p.srv == nil {
		return
	}
	p.srv.Rotate()
	p.show()
	p.status.SetText(lang.L("New code made. The old one works for ten more minutes; print the new one."))
}

func (p *phonesPanel) onSaveQR() {
	if p.srv == nil {
		return
	}
	url := p.srv.URLs()[0]
	sv := p.svs[max(0, p.survey.SelectedIndex())]
	p.ui.saveInBackground("csatdesk-phone-qr.pdf", func(path string) error {
		// A PDF to print (A4: name, the QR code, the address), or the bare
		// QR code when the name ends in .png.
		if strings.EqualFold(filepath.Ext(path), ".png") {
			png, err := webform.QRPNG(url, 1200)
			if err != nil {
				return err
			}
			return os.WriteFile(path, png, 0o644)
		}
		var b bytes.Buffer
		if err := webform.WriteSheet(&b, sv, url); err != nil {
			return err
		}
		return os.WriteFile(path, b.Bytes(), 0o644)
	}, func(path string) {
		p.status.SetText(lang.L("The QR code was saved to {{.Path}}. Print it with the address underneath: {{.URL}}", map[string]any{"Path": path, "URL": url}))
	})
}

// onSelfTest fetches the page the way a phone would.
func (p *phonesPanel) onSelfTest() {
	if p.srv == nil {
		return
	}
	url := p.srv.URLs()[0]
	p.status.SetText(lang.L("Testing…"))
	go func() {
		err := webform.SelfTest(context.Background(), url)
		fyne.Do(func() { p.status.SetText(selfTestText(url, err)) })
	}()
}

// selfTestText says plainly what the self-test found.
func selfTestText(url string, err error) string {
	if err != nil {
		return lang.L("This laptop could not open {{.URL}} itself ({{.Err}}). A firewall may block the port: allow CSAT Desk on private networks, or try another port.", map[string]any{"URL": url, "Err": err.Error()})
	}
	if strings.Contains(url, "//127.") {
		return lang.L("The page works, but only on this computer: choose the laptop's Wi-Fi address so phones can reach it.")
	}
	return lang.L("The page answers at {{.URL}}. If a phone on the same Wi-Fi still cannot open it, the Wi-Fi keeps devices apart (guest networks usually do: \"client isolation\"). Connect the phones to the shop's main Wi-Fi, or turn isolation off in the router.", map[string]any{"URL": url})
}
