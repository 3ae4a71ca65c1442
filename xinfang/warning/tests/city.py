"""A constructed city hotline export (seeded): thousands of complaints about many places, and a few
places (two rivers, a reservoir, an estate, a road) receiving hundreds each, with varied wording.

Pure Python: the generator knows which place each message is about (``truth``), independently of
the code under test.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from xinfang.warning.hotissues import Message

# the hot places: name -> (kind, number of complaints); 清溪河 is named in more than a quarter of
# all messages (the old frequency cap dropped exactly such a name)
HOT = {
    "清溪河": ("river", 1000),
    "白沙河": ("river", 450),
    "红岩水库": ("reservoir", 350),
    "锦绣花园": ("estate", 250),
    "凤凰路": ("road", 200),
}
N_OTHER = 1500

_RIVER = ["河水发黑发臭", "有人往河里倒垃圾", "岸边工厂偷排污水", "水面漂浮大量垃圾", "出现大量死鱼",
          "河堤破损存在安全隐患", "夜间有人非法采砂", "沿岸违章建筑侵占河道", "蚊虫滋生臭气熏天",
          "暴雨后河水倒灌淹了农田", "护栏缺失小孩容易落水", "清淤工程迟迟不开工"]
_RIVER_FORM = ["{n}", "{n}", "{n}", "{n}河段", "{n}沿岸", "{n}边上", "{n}河道"]
_RESERVOIR = ["水质受到污染", "周边养殖场直排粪污", "有人在库区非法钓鱼", "大坝出现渗水",
              "移民补偿款没有发放到位", "库区周边乱建农家乐", "饮用水源保护区被破坏"]
_ESTATE = ["物业不作为", "电梯经常停运", "地下车库漏水", "物业费上涨不合理", "小区绿化被毁",
           "业委会选举不公开", "楼上装修噪音扰民", "消防通道被占用", "外墙瓷砖脱落"]
_ROAD = ["路面坑洼不平", "路灯坏了没人修", "渣土车超速抛洒", "占道经营严重", "红绿灯设置不合理",
         "下雨天大面积积水", "施工围挡占用人行道", "大货车夜间噪音扰民"]
_OPEN = ["反映", "投诉", "关于", "请求处理", "紧急反映", "再次反映", "强烈要求整治", ""]
_BODY = ["{who}，{place}{what}，已经持续很久了，多次反映无人处理，请有关部门尽快解决。",
         "{place}{what}。{who}，希望相关部门重视，尽快派人来看看。",
         "本人{who}。最近{place}{what}，严重影响周边群众生活，恳请政府督促整改。",
         "{place}{what}，{who}，请问什么时候能解决？"]
_WHO = ["我是附近居民", "我家住在{estate}", "我们是{estate}的业主", "我是本地村民", "我每天路过这里",
        "我在附近上班"]

_SYL = list("金银翠碧丽华锦泰安康福盛嘉荣瑞祥和顺兴隆鑫宏远博文雅怡景晨曦阳光明珠星月云霞松柏桂兰梅竹")
_ESTATE_SUF = ["小区", "家园", "苑", "花苑", "新村", "雅居"]
_OTHER_SUF = [("estate", "{a}{b}{suf}"), ("company", "{a}{b}科技公司"), ("school", "{a}{b}小学"),
              ("company", "{a}{b}超市"), ("hospital", "{a}{b}医院"), ("village", "{a}{b}村"),
              ("road", "{a}{b}街")]
_OTHER_WHAT = {"estate": _ESTATE, "company": ["拖欠员工工资", "无故辞退员工", "不缴社保", "售卖过期食品",
                                             "虚假宣传", "噪音扰民"],
               "school": ["乱收费", "食堂卫生差", "校门口交通拥堵", "违规补课", "校车超载"],
               "hospital": ["乱收费", "医生态度恶劣", "排队时间太长", "医疗纠纷无人处理"],
               "village": ["征地补偿不到位", "村务不公开", "自来水经常停水", "道路硬化迟迟不做"],
               "road": _ROAD}
_NAMELESS = ["社保卡补办流程咨询", "医保报销比例问题", "公积金提取困难", "户口迁移手续繁琐", "驾照换证预约难",
             "低保申请被拒", "养老金调整时间", "垃圾分类宣传不到位", "居住证办理咨询", "高龄补贴发放"]


@dataclass(frozen=True)
class CityExport:
    messages: list[Message]
    truth: dict[str, str]  # message id -> the hot place it is about ("" for the others)


def city_export(seed: int = 16, n_other: int = N_OTHER) -> CityExport:
    """The export: hot places' complaints, other places' complaints (3-25 each), nameless
    questions; dates over five years (2019-2023), users mostly distinct."""
    rng = random.Random(seed)
    names: set[str] = set()

    def fresh(template: str, **kw) -> str:
        while True:
            a, b = rng.sample(_SYL, 2)
            name = template.format(a=a, b=b, **kw)
            if name not in names and not any(h[:2] in name for h in HOT):
                names.add(name)
                return name

    small_estates = [fresh("{a}{b}{suf}", suf=rng.choice(_ESTATE_SUF)) for _ in range(30)]
    start = dt.date(2019, 1, 1)
    msgs: list[Message] = []
    truth: dict[str, str] = {}

    def add(title: str, body: str, about: str) -> None:
        i = f"M{len(msgs) + 1:05d}"
        day = start + dt.timedelta(days=rng.randrange(5 * 365))
        user = f"u{rng.randrange(10**6)}"
        msgs.append(Message(id=i, user=user, title=title, body=body,
                            time=dt.datetime.combine(day, dt.time(rng.randrange(8, 20)))))
        truth[i] = about

    def who() -> str:
        return rng.choice(_WHO).format(estate=rng.choice(small_estates))

    for name, (kind, count) in HOT.items():
        what_pool = {"river": _RIVER, "reservoir": _RESERVOIR, "estate": _ESTATE, "road": _ROAD}[kind]
        for _ in range(count):
            what = rng.choice(what_pool)
            place = rng.choice(_RIVER_FORM).format(n=name) if kind == "river" else name
            body = rng.choice(_BODY).format(who=who(), place=place, what=what)
            if rng.random() < 0.15:  # a title without the name: it is only in the body
                title = f"{rng.choice(_OPEN)}{what}"
            else:
                title = f"{rng.choice(_OPEN)}{place}{what}"
            add(title, body, name)

    n_named = int(n_other * 0.8)
    others: list[tuple[str, str]] = []
    while sum(1 for _ in others) < 70:
        kind, template = rng.choice(_OTHER_SUF)
        suf = rng.choice(_ESTATE_SUF)
        others.append((kind, fresh(template, suf=suf)))
    weights = [1.0 / (k + 3) for k in range(len(others))]
    for _ in range(n_named):
        kind, name = rng.choices(others, weights)[0]
        what = rng.choice(_OTHER_WHAT["road" if kind == "road" else kind])
        body = rng.choice(_BODY).format(who=who(), place=name, what=what)
        add(f"{rng.choice(_OPEN)}{name}{what}", body, "")
    for _ in range(n_other - n_named):
        topic = rng.choice(_NAMELESS)
        add(topic, f"{who()}，想咨询一下{topic}，请相关部门答复。", "")
    order = list(range(len(msgs)))
    rng.shuffle(order)
    return CityExport([msgs[k] for k in order], truth)
