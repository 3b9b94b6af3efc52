import json,re,csv,collections
D='/tmp/w/stage/calibration100/'
units=collections.defaultdict(set)
for r in csv.DictReader(open('/work/main/seeds/indicator_units.csv')): units[r['code']].add(r['unit'])
codes=set(units)
# spec: (surface, occurrence(0-based among standalone matches), value, unit, qualifier, kind, period, meaning, indicators, extra)
S={}
S['g001']=[
 ('4次',0,4,'次','exact','count','report','党委会议、行政办公会专题研究法治工作',['leadership_law_meetings']),
 ('3次',0,3,'次','exact','count','report','听取法治工作汇报',['leadership_law_meetings']),
 ('6件',0,6,'件','exact','count','report','协调解决法治领域突出问题',['law_issues_studied']),
 ('4次',1,4,'次','exact','count','report','专题学习(党委理论学习中心组、行政办公会、周例会会前学法)',['law_study_sessions','central_group_law_study_sessions']),
 ('3次',1,3,'次','exact','count','report','案例研讨(学法)',['law_study_sessions']),
 ('12场次',0,12,'场次','exact','count','report','镇村干部、执法人员集中学法',['law_study_sessions']),
 ('2次',0,2,'次','exact','count','report','邀请专业律师以案释法培训',['training_sessions']),
 ('80余名',0,80,'名','at_least','count','report','法治培训全覆盖的镇机关干部',['training_participants_people']),
 ('14个',0,14,'个','exact','count','report','“两委”班子成员法治培训全覆盖的村',['units_covered']),
]
S['g002']=[
 ('3期',0,3,'期','exact','count','report','县委理论学习中心组学法',['central_group_law_study_sessions']),
 ('2期',0,2,'期','exact','count','report','县委常委会会议会前学法',['pre_meeting_law_study_sessions']),
 ('2期',1,2,'期','exact','count','report','县政府常务会议会前学法',['pre_meeting_law_study_sessions','executive_meeting_law_study_sessions']),
 ('超过2600人',0,2600,'人','at_least','count','report','能力素质提升培训班累计培训领导干部(习近平法治思想内容)',['training_participants_people']),
 ('3次',0,3,'次','exact','count','report','县委常委会会议研究部署法治领域工作',['leadership_law_meetings']),
 ('1次',0,1,'次','exact','count','report','召开全面依法治县委员会会议',['rule_of_law_committee_meetings']),
 ('2次',0,2,'次','exact','count','report','召开法治建设专题工作会议',['leadership_law_meetings']),
]
S['g003']=[
 ('5年',0,5,'年','exact','duration','report','连续在法治信阳(法治政府)建设考核中获得优秀等次的年数',['consecutive_years']),
 ('8次',0,8,'次','exact','count','report','县委主要负责人主持召开县委常委会会议研究部署法治建设',['leadership_law_meetings']),
 ('5次',0,5,'次','exact','count','report','县“四大家”联席会议研究部署法治建设',['leadership_law_meetings']),
]
S['g004']=[
 ('2家',0,2,'家','exact','count','report','被市委组织部命名为“春城先锋示范党支部”的基层党组织',[]),
 ('1家',0,1,'家','exact','count','report','被省委组织部命名为“云岭先锋红旗党支部”的基层党组织',[]),
 ('2家',1,2,'家','exact','count','report','全省共青团城市基层组织改革试点单位(景星街社区为其一)',[]),
 ('331家',0,331,'家','exact','count','report','新兴领域“两个覆盖”实现有效覆盖的企业',[]),
 ('30余处',0,30,'处','at_least','count','report','建成“石榴红”宣讲队及民族团结主题阵地',[]),
 ('30余场',0,30,'场','at_least','count','report','举办火把节、“开笔礼”等民族团结活动',[]),
]
def find(text,surf,occ):
    hits=[]
    for m in re.finditer(re.escape(surf),text):
        s,e=m.start(),m.end()
        # skip if continuing a longer number
        if s>0 and (text[s-1].isdigit() or text[s-1]=='.'): continue
        hits.append((s,e))
    return hits[occ]
allrecs=0; nonempty=0
for g,spec in S.items():
    text=open(D+'texts/'+g+'.txt',encoding='utf-8',newline='').read()
    recs=[]
    for (surf,occ,val,unit,q,kind,per,meaning,inds) in spec:
        s,e=find(text,surf,occ)
        assert text[s:e]==surf
        for c in inds:
            assert c in codes,(c)
            assert unit in units[c],(g,surf,c,unit,units[c])
        recs.append(dict(file='calibration100/texts/%s.txt'%g,start=s,end=e,surface=surf,value=val,unit=unit,qualifier=q,kind=kind,period=per,meaning=meaning,indicators=inds,indicator=inds[0] if inds else None))
    recs.sort(key=lambda r:r['start'])
    for a,b in zip(recs,recs[1:]): assert a['end']<=b['start'],(g,a,b)
    with open(D+g+'.jsonl','w',encoding='utf-8') as f:
        for r in recs: f.write(json.dumps(r,ensure_ascii=False)+'\n')
    allrecs+=len(recs); nonempty+=sum(1 for r in recs if r['indicators'])
    # numeral pass
    covered=[(r['start'],r['end']) for r in recs]
    for m in re.finditer(r'[0-9０-９.]+|[一二三四五六七八九十百千万两零]+',text):
        s,e=m.start(),m.end()
        if any(a<=s<b for a,b in covered): continue
        print(g,'UNANNOTATED',repr(text[max(0,s-8):e+6]))
print('records',allrecs,'nonempty',nonempty)
