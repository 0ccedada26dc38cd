package meti

import (
	"reflect"
	"testing"
)

func TestNameCell(t *testing.T) {
	tests := []struct {
		in       string
		want     []string
		readings int
	}{
		{"", nil, 0},
		{"Air Koryo\n(高麗航空)", []string{"Air Koryo", "高麗航空"}, 0},
		{foldWidth("TEM International FZC（TEM）"), []string{"TEM International FZC(TEM)"}, 0},
		{"Nanjing University of Science and Technology(NUST)(南京理工大学)", []string{"Nanjing University of Science and Technology(NUST)", "南京理工大学"}, 0},
		{"Taean Friendship Glass Factory, Pyongan Namdo\n(大安親善ガラス工場(平安南道))", []string{"Taean Friendship Glass Factory, Pyongan Namdo", "大安親善ガラス工場(平安南道)"}, 0},
		{"LIMMT Economic and Trade Company\n(LIMMT経貿公司)", []string{"LIMMT Economic and Trade Company", "LIMMT経貿公司"}, 0},
		{"Guangzhou Tian-Hai-Xiang Aviation\nTechnology Co., Ltd.\n(広州天海翔航空科技有限公司)", []string{"Guangzhou Tian-Hai-Xiang Aviation Technology Co., Ltd.", "広州天海翔航空科技有限公司"}, 0},
		{"セソン技術貿易", []string{"セソン技術貿易"}, 0},
		{"マンウォル", []string{"マンウォル"}, 0},
		{"Rostec (ロステック)", []string{"Rostec"}, 1},
		{"北京理工大学(ぺきんりこうだいがく)", []string{"北京理工大学"}, 1},
		{"Korea Ryonbong コリアリョンボン", []string{"Korea Ryonbong"}, 1},
		{"平壌 センター", []string{"平壌 センター"}, 0},
		{"Rostec(Russian Technologies State Corporation)", []string{"Rostec(Russian Technologies State Corporation)"}, 0},
		{"Unbalanced (高麗", []string{"Unbalanced (高麗"}, 0},
		{"(高麗航空)", []string{"高麗航空"}, 0},
	}
	for _, tt := range tests {
		ns, r := nameCell(tt.in)
		var got []string
		for _, n := range ns {
			got = append(got, n.Full)
		}
		if !reflect.DeepEqual(got, tt.want) || r != tt.readings {
			t.Errorf("nameCell(%q) = %q, %d readings; want %q, %d", tt.in, got, r, tt.want, tt.readings)
		}
	}
}

func TestAKACell(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"・Al Qaeda\n・The Base", []string{"Al Qaeda", "The Base"}},
		{"YINKE ELECTRONICS CO., LTD", []string{"YINKE ELECTRONICS CO., LTD"}},
		{" ・OOO Albatros \n・Albatross LLC", []string{"OOO Albatros", "Albatross LLC"}},
		{"・Aktsionernoe Obshchestvo Uralskiy Zavod Transportnogo\nMashinostroeniya", []string{"Aktsionernoe Obshchestvo Uralskiy Zavod Transportnogo Mashinostroeniya"}},
		{"・Amroggang Development Bank\n(鴨緑江開発銀行)\n・Amrokkang Development Bank", []string{"Amroggang Development Bank", "鴨緑江開発銀行", "Amrokkang Development Bank"}},
		{"・(Korea) Sunhwagang Trading Co.\n((朝鮮)順和江貿易会社)", []string{"(Korea) Sunhwagang Trading Co.", "(朝鮮)順和江貿易会社"}},
		{"・China Aerospace 23rd Research Institute\n中国航天研究所", []string{"China Aerospace 23rd Research Institute", "中国航天研究所"}},
		{"・朝鮮民族経済協力連合会\n・民経連", []string{"朝鮮民族経済協力連合会", "民経連"}},
		{"・Novator Design Bureau; and\n・JSC OKB Novator", []string{"Novator Design Bureau", "JSC OKB Novator"}},
		{"・\n・and", nil},
	}
	for _, tt := range tests {
		ns, _ := akaCell(tt.in)
		var got []string
		for _, n := range ns {
			got = append(got, n.Full)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("akaCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWMDCodes(t *testing.T) {
	tests := []struct {
		in      string
		want    []string
		unknown string
	}{
		{"", nil, ""},
		{"生物、化学、ミサイル、核\nB,C,M,N", []string{"B", "C", "M", "N"}, ""},
		{"ミサイル、核\nM、N", []string{"M", "N"}, ""},
		{"ミサイルM", []string{"M"}, ""},
		{foldWidth("核\nＮ "), []string{"N"}, ""},
		{"化学、核", []string{"C", "N"}, ""},
		{"n,m", []string{"M", "N"}, ""},
		{"X,N", []string{"N"}, "X"},
	}
	for _, tt := range tests {
		got, unknown := wmdCodes(tt.in)
		if !reflect.DeepEqual(got, tt.want) || unknown != tt.unknown {
			t.Errorf("wmdCodes(%q) = %q, %q; want %q, %q", tt.in, got, unknown, tt.want, tt.unknown)
		}
	}
}

func TestFoldWidth(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"（ＤＥＣ）", "(DEC)"},
		{"MINISTRY OF THE\u3000PEOPLE'S", "MINISTRY OF THE PEOPLE'S"},
		{"ｶﾀｶﾅ", "カタカナ"},
		{"CO.， LTD", "CO., LTD"},
		{"・", "・"},
	}
	for _, tt := range tests {
		if got := foldWidth(tt.in); got != tt.want {
			t.Errorf("foldWidth(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
