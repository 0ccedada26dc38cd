"""Collect every distinct country string from the list files in ../shared/data.

Usage, from the module root:

    go run ./country/testdata/extract/xlsx2csv.go ../shared/data /tmp/country-xlsx
    python3 country/testdata/extract/extract.py ../shared/data /tmp/country-xlsx country/testdata/values.tsv

It prints the number of distinct values per source and field, and merges
them into values.tsv: reviewed lines keep their code, new values get "?"
(TestValues fails on them until someone reviews them and writes the code, or
"-" for a value that is not a country).

Fields read: OFAC legacy CSV (sdn.csv Vess_flag and remarks: nationality,
citizen, POB last part, ID issuing country "(X)", Nationality of
Registration, Former Vessel Flag; add.csv and cons_add.csv Country;
cons_prim.csv; sdn_comments.csv), OFAC XML (country, idCountry,
nationality, citizenship, placeOfBirth last part, remarks), UN XML
(NATIONALITY/VALUE, COUNTRY, ISSUING_COUNTRY, COUNTRY_OF_ISSUE,
COUNTRY_OF_BIRTH), EU FSF (countryIso2Code, countryDescription), UK ConList
(Country of Birth, Nationality, Country), UK FCDO (AddressCountry,
CountryOfBirth, Nationality, ship flags), SECO (country), Canada SEMA
(Country), DFAT (Citizenship; Place of Birth and Address split into items,
last comma part), METI (Country or Region), BIS DPL and MIEU (Country), CSL
(citizenships, nationalities, vessel_flag, addresses and places_of_birth last
part), FtM (country-typed properties), ua_war targets.simple.csv (countries),
yente negatives (nationality), us_congress senzing (COUNTRIES).
"""
import csv, re, json, collections, sys, os
import xml.etree.ElementTree as ET
if len(sys.argv) != 4:
    sys.exit(__doc__)
D = sys.argv[1].rstrip('/') + '/'
XL = sys.argv[2].rstrip('/') + '/'
OUT = sys.argv[3]
csv.field_size_limit(10**9)
vals = collections.defaultdict(set)   # value -> set of source tags
per = collections.defaultdict(set)    # source -> set of values

def add(src, v):
    if v is None: return
    v = v.strip()
    if not v or v == '-0-': return
    vals[v].add(src); per[src].add(v)

TAILS = {'north', 'south', 'the', 'democratic republic of the', 'republic of the', 'republic of', 'british', 'u.s.', 'us', 'isle of',
         'islamic republic of', 'the republic of', 'the former yugoslav republic of', 'democratic people\'s republic of', 'federated states of',
         'people\'s republic of', 'united republic of', 'plurinational state of', 'bolivarian republic of', 'province of china', 'the former'}
def last_part(s):
    s = s.strip().rstrip('.').strip()
    parts = [p.strip() for p in s.split(',')]
    if len(parts) >= 2 and parts[-1].lower() in TAILS:
        return parts[-2] + ', ' + parts[-1]
    return parts[-1]

ID_SKIP = re.compile(r'^\s*(alt\. )?(POB|DOB|Telephone|Fax|Linked To|Secondary sanctions|Executive Order|Listing Date|Effective Date|Website|Email|Additional Sanctions|Organization|Transactions Prohibited|Aircraft|Vessel|Gender|Digital Currency|Nationality of Registration|nationality|citizenship|a\.k\.a|f\.k\.a|n\.k\.a|Former|Target Type|Phone|IFCA|CAATSA|Ukraine|Effective)', re.I)
def ofac_remarks(src, rem):
    if not rem or rem == '-0-': return
    for part in rem.split(';'):
        p = part.strip().rstrip('.').strip()
        m = re.match(r'^(?:alt\. )?nationality (.+)$', p)
        if m: add(src + ':nationality', m.group(1)); continue
        m = re.match(r'^(?:alt\. )?citizen(?:ship)? (.+)$', p)
        if m: add(src + ':citizenship', m.group(1)); continue
        m = re.match(r'^(?:alt\. )?Nationality of Registration (.+)$', p)
        if m: add(src + ':registration', m.group(1)); continue
        m = re.match(r'^(?:alt\. )?POB (.+)$', p)
        if m: add(src + ':pob', last_part(m.group(1))); continue
        m = re.match(r'^(?:alt\. )?(?:Former )?Vessel Flag (.+)$', p)
        if m: add(src + ':flag', m.group(1)); continue
        if ID_SKIP.match(p): continue
        # ID with issuing country: "<type> <number> (<Country>)" optionally followed by issue/expiry details
        m = re.match(r'^[^()]*\d[^()]*? \(([^()]+)\)(?: (?:issued|expires|Issue Date|Expire Date|Expiration Date|[A-Z][a-z]+ \d).*)?$', p)
        if m: add(src + ':id', m.group(1))

def ofac_csv(path, src, kind):
    with open(path, encoding='cp1252', newline='') as f:
        for row in csv.reader(f):
            if len(row) < 2: continue
            if kind == 'prim' and len(row) >= 12:
                add(src + ':vess_flag', row[9]); ofac_remarks(src, row[11])
            elif kind == 'add' and len(row) >= 5:
                add(src + ':add', row[4])
            elif kind == 'comments' and len(row) >= 2:
                ofac_remarks(src, row[1])

for d in ['ofac_sdn_2024-05-03', 'ofac_sdn_2024-02-20', 'ofac_sdn_2021-07-07']:
    ofac_csv(D + d + '/sdn.csv', 'ofac-sdn', 'prim')
ofac_csv(D + 'ofac_sdn_2021-07-07/sdn_comments.csv', 'ofac-sdn', 'comments')
ofac_csv(D + 'ofac_sdn_aux_2025-12-24/sdn_comments.csv', 'ofac-sdn', 'comments')
ofac_csv(D + 'ofac_sdn_2021-07-07/add.csv', 'ofac-sdn', 'add')
ofac_csv(D + 'ofac_sdn_aux_2025-12-24/add.csv', 'ofac-sdn', 'add')
ofac_csv(D + 'ofac_consolidated_nonsdn/cons_prim.csv', 'ofac-cons', 'prim')
ofac_csv(D + 'ofac_consolidated_nonsdn/cons_add.csv', 'ofac-cons', 'add')
ofac_csv(D + 'ofac_consolidated_nonsdn/cons_comments.csv', 'ofac-cons', 'comments')

def local(t): return t.rsplit('}', 1)[-1]
# ofac.xml
for ev, el in ET.iterparse(D + 'ofac_consolidated_nonsdn/ofac.xml'):
    t = local(el.tag)
    if t in ('country', 'idCountry'): add('ofac-xml:' + t, el.text)
    elif t == 'placeOfBirth': add('ofac-xml:pob', last_part(el.text or ''))
    elif t in ('nationality', 'citizenship'):
        for c in el:
            if local(c.tag) == 'country': add('ofac-xml:' + t, c.text)
    elif t == 'remarks': ofac_remarks('ofac-xml', el.text or '')
# UN
for ev, el in ET.iterparse(D + 'un_consolidated/UN_consolidated.xml'):
    t = el.tag
    if t in ('COUNTRY', 'ISSUING_COUNTRY', 'COUNTRY_OF_ISSUE', 'COUNTRY_OF_BIRTH'): add('un:' + t, el.text)
    elif t == 'NATIONALITY':
        for c in el:
            if c.tag == 'VALUE': add('un:NATIONALITY', c.text)
# EU
for ev, el in ET.iterparse(D + 'eu_fsf_excerpt/sample_eu_fsf.xml'):
    for a in ('countryIso2Code', 'countryDescription'):
        if a in el.attrib: add('eu:' + a, el.attrib[a])
# UK FCDO
for ev, el in ET.iterparse(D + 'uk_fcdo_excerpt/sample_uk_sanctions.xml'):
    t = local(el.tag)
    if t in ('AddressCountry', 'CountryOfBirth', 'Nationality', 'CurrentBelievedFlagOfShip', 'PreviousFlag'): add('uk-fcdo:' + t, el.text)
# SECO
for ev, el in ET.iterparse(D + 'switzerland_seco/seco.xml'):
    if el.tag == 'country':
        add('seco:country', el.text); add('seco:iso-code', el.attrib.get('iso-code'))
# Canada
for ev, el in ET.iterparse(D + 'canada_sema/cannada.xml'):
    if el.tag == 'Country': add('ca:Country', el.text)
# UK ConList (dumped from xlsx)
rows = list(csv.reader(open(XL + 'uk.csv', encoding='utf-8')))
hdr = rows[1]
for r in rows[2:]:
    r = r + [''] * (len(hdr) - len(r))
    for col in ('Country of Birth', 'Nationality', 'Country'):
        add('uk:' + col, r[hdr.index(col)])
# Australia: free-text cells. Split like a parser would: lettered list
# markers "a) ... b) ...", ";" and line breaks; drop parenthesised remarks;
# keep the last comma-separated part of each item.
def strip_parens(t):
    out, depth = [], 0
    for ch in t:
        if ch == '(':
            depth += 1; continue
        if ch == ')':
            if depth: depth -= 1
            continue
        if depth == 0: out.append(ch)
    return ''.join(out)
def au_items(cell):
    cell = cell.replace('\xa0', ' ')
    res = []
    for item in re.split(r'(?:^|\s)[a-z]\)\s|;|\n', cell):
        item = strip_parens(item).strip().rstrip('.,').strip()
        if item:
            res.append(last_part(item))
    return res

rows = list(csv.reader(open(XL + 'au.csv', encoding='utf-8')))
hdr = rows[0]
for r in rows[1:]:
    r = r + [''] * (len(hdr) - len(r))
    add('au:Citizenship', r[hdr.index('Citizenship')])
    for v in au_items(r[hdr.index('Place of Birth')]): add('au:PlaceOfBirth', v)
    for v in au_items(r[hdr.index('Address')]): add('au:Address', v)
# Japan
rows = list(csv.reader(open(XL + 'jp.csv', encoding='utf-8')))
for r in rows[1:]:
    if len(r) > 1: add('jp:Country', r[1])
# DPL
for r in csv.DictReader(open(D + 'us_bis_dpl/dpl.txt', encoding='cp1252'), delimiter='\t'):
    add('dpl:Country', r['Country'])
for r in csv.DictReader(open(D + 'us_bis_mieu/mieu.csv', encoding='utf-8')):
    add('mieu:Country', r['Country'])
for fn in ('csl.csv', 'consolidated.csv'):
    for r in csv.DictReader(open(D + 'us_csl_samples/' + fn, encoding='cp1252')):
        for k in ('citizenships', 'nationalities', 'vessel_flag'):
            for v in (r.get(k) or '').split(';'): add('csl:' + k, v)
        for v in (r.get('addresses') or '').split(';'):
            if v.strip(): add('csl:addresses', last_part(v))
        for v in (r.get('places_of_birth') or '').split(';'):
            if v.strip(): add('csl:places_of_birth', last_part(v))
# FtM
COUNTRY_PROPS = {'country', 'nationality', 'citizenship', 'jurisdiction', 'birthCountry', 'mainCountry', 'deathCountry', 'flag', 'pastFlags', 'registrationCountry', 'residency', 'pastNationalities'}
for fn in ('zala', 't1'):
    for line in open(D + 'opensanctions_ftm_fixtures/%s/entities.ftm.json' % fn, encoding='utf-8'):
        if not line.strip(): continue
        e = json.loads(line)
        for k, vs in e.get('properties', {}).items():
            if k in COUNTRY_PROPS:
                for v in vs: add('ftm:' + k, v)
for r in csv.DictReader(open(D + 'opensanctions_ua_war_sanctions/targets.simple.csv', encoding='utf-8')):
    for v in r['countries'].split(';'): add('ua-war:countries', v)
for fn in ('negatives_global.csv', 'negatives_us.csv'):
    for r in csv.DictReader(open(D + 'negatives_yente_synthetic/' + fn, encoding='utf-8')):
        add('negatives:nationality', r['nationality'])
for line in open(D + 'us_congress_legislators/us_congress_senzing.json', encoding='utf-8'):
    if not line.strip(): continue
    e = json.loads(line)
    for c in e.get('COUNTRIES', []):
        for k, v in c.items(): add('senzing:' + k, v)

for k in sorted(per):
    print('%5d %s' % (len(per[k]), k))
top = collections.defaultdict(set)
for v, srcs in vals.items():
    for s in srcs:
        top[s.split(':')[0]].add(v)
for k in sorted(top):
    print('%5d %s (all fields)' % (len(top[k]), k))
print('%5d distinct values' % len(vals))

# Merge into values.tsv.
def esc(v):
    return v.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')
def unesc(v):
    out, i = [], 0
    while i < len(v):
        if v[i] == '\\' and i + 1 < len(v):
            out.append({'t': '\t', 'n': '\n', 'r': '\r'}.get(v[i + 1], v[i + 1])); i += 2
        else:
            out.append(v[i]); i += 1
    return ''.join(out)
header, codes = [], {}
if os.path.exists(OUT):
    for line in open(OUT, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('#') or not line:
            header.append(line)
            continue
        f = line.split('\t')
        codes[unesc(f[0])] = (f[1], f[2] if len(f) > 2 else '')
new = 0
for v in vals:
    if v not in codes:
        new += 1
        codes[v] = ('?', '')
    codes[v] = (codes[v][0], ','.join(sorted(vals[v])))
with open(OUT, 'w', encoding='utf-8') as f:
    for h in header:
        f.write(h + '\n')
    for v in sorted(codes, key=lambda x: (x.lower(), x)):
        f.write('%s\t%s\t%s\n' % (esc(v), codes[v][0], codes[v][1]))
print('%5d new values marked "?" in %s' % (new, OUT))
