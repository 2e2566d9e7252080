"""Static place data: cities with centres, population and districts, and street/town names."""

# city_id: (province_id, en, zh, lat, lon, population_m, urban districts, outer districts)
# fmt: off
CITIES = {
    "GZ": ("GD", "Guangzhou", "广州", 23.129, 113.264, 18.7,
           "Tianhe 天河,Yuexiu 越秀,Haizhu 海珠,Liwan 荔湾,Baiyun 白云,Huangpu 黄埔,Panyu 番禺",
           "Huadu 花都,Nansha 南沙,Conghua 从化,Zengcheng 增城"),
    "SZ": ("GD", "Shenzhen", "深圳", 22.543, 114.058, 17.6,
           "Futian 福田,Luohu 罗湖,Nanshan 南山,Bao'an 宝安,Longgang 龙岗,Longhua 龙华",
           "Pingshan 坪山,Guangming 光明,Dapeng 大鹏,Yantian 盐田"),
    "DG": ("GD", "Dongguan", "东莞", 23.021, 113.752, 10.5,
           "Nancheng 南城,Dongcheng 东城,Guancheng 莞城,Wanjiang 万江",
           "Humen 虎门,Chang'an 长安,Tangxia 塘厦,Changping 常平,Qingxi 清溪,Shijie 石碣"),
    "FS": ("GD", "Foshan", "佛山", 23.022, 113.122, 9.5,
           "Chancheng 禅城,Nanhai 南海,Shunde 顺德",
           "Sanshui 三水,Gaoming 高明"),
    "ZH": ("GD", "Zhuhai", "珠海", 22.271, 113.577, 2.4,
           "Xiangzhou 香洲,Jinwan 金湾",
           "Doumen 斗门"),
    "ST": ("GD", "Shantou", "汕头", 23.354, 116.682, 5.5,
           "Jinping 金平,Longhu 龙湖,Chaoyang 潮阳",
           "Chaonan 潮南,Chenghai 澄海,Nan'ao 南澳"),
    "SG": ("GD", "Shaoguan", "韶关", 24.810, 113.597, 2.9,
           "Wujiang 武江,Zhenjiang 浈江",
           "Qujiang 曲江,Lechang 乐昌,Nanxiong 南雄,Renhua 仁化"),
    "ZJG": ("GD", "Zhanjiang", "湛江", 21.271, 110.359, 7.0,
           "Chikan 赤坎,Xiashan 霞山",
           "Potou 坡头,Mazhang 麻章,Leizhou 雷州,Lianjiang 廉江,Wuchuan 吴川,Xuwen 徐闻"),
    "ZQ": ("GD", "Zhaoqing", "肇庆", 23.047, 112.465, 4.1,
           "Duanzhou 端州,Dinghu 鼎湖",
           "Gaoyao 高要,Sihui 四会,Guangning 广宁,Huaiji 怀集"),
    "JM": ("GD", "Jiangmen", "江门", 22.579, 113.082, 4.8,
           "Pengjiang 蓬江,Jianghai 江海",
           "Xinhui 新会,Taishan 台山,Kaiping 开平,Heshan 鹤山,Enping 恩平"),
    "MM": ("GD", "Maoming", "茂名", 21.663, 110.925, 6.2,
           "Maonan 茂南",
           "Dianbai 电白,Gaozhou 高州,Huazhou 化州,Xinyi 信宜"),
    "HUZ": ("GD", "Huizhou", "惠州", 23.111, 114.416, 6.0,
           "Huicheng 惠城,Huiyang 惠阳",
           "Boluo 博罗,Huidong 惠东,Longmen 龙门"),
    "MZ": ("GD", "Meizhou", "梅州", 24.289, 116.122, 3.9,
           "Meijiang 梅江",
           "Meixian 梅县,Xingning 兴宁,Wuhua 五华,Dapu 大埔,Jiaoling 蕉岭"),
    "SW": ("GD", "Shanwei", "汕尾", 22.786, 115.375, 2.7,
           "Chengqu 城区",
           "Haifeng 海丰,Lufeng 陆丰,Luhe 陆河"),
    "HY": ("GD", "Heyuan", "河源", 23.744, 114.701, 2.8,
           "Yuancheng 源城",
           "Dongyuan 东源,Heping 和平,Longchuan 龙川,Zijin 紫金,Lianping 连平"),
    "YJ": ("GD", "Yangjiang", "阳江", 21.858, 111.983, 2.6,
           "Jiangcheng 江城",
           "Yangdong 阳东,Yangchun 阳春,Yangxi 阳西"),
    "QY": ("GD", "Qingyuan", "清远", 23.682, 113.056, 4.0,
           "Qingcheng 清城,Qingxin 清新",
           "Yingde 英德,Lianzhou 连州,Fogang 佛冈,Yangshan 阳山"),
    "ZS": ("GD", "Zhongshan", "中山", 22.517, 113.393, 4.4,
           "Shiqi 石岐,Dongqu 东区,Xiqu 西区",
           "Xiaolan 小榄,Tanzhou 坦洲,Sanxiang 三乡"),
    "CZ": ("GD", "Chaozhou", "潮州", 23.657, 116.623, 2.6,
           "Xiangqiao 湘桥",
           "Chao'an 潮安,Raoping 饶平"),
    "JY": ("GD", "Jieyang", "揭阳", 23.550, 116.373, 5.6,
           "Rongcheng 榕城",
           "Jiedong 揭东,Puning 普宁,Huilai 惠来,Jiexi 揭西"),
    "YF": ("GD", "Yunfu", "云浮", 22.915, 112.044, 2.4,
           "Yuncheng 云城",
           "Yun'an 云安,Luoding 罗定,Xinxing 新兴,Yunan 郁南"),
    "HZ": ("ZJ", "Hangzhou", "杭州", 30.274, 120.155, 12.2,
           "Shangcheng 上城,Gongshu 拱墅,Xihu 西湖,Binjiang 滨江,Xiaoshan 萧山,Yuhang 余杭",
           "Lin'an 临安,Fuyang 富阳,Tonglu 桐庐,Chun'an 淳安,Jiande 建德"),
    "NB": ("ZJ", "Ningbo", "宁波", 29.868, 121.544, 9.4,
           "Haishu 海曙,Jiangbei 江北,Yinzhou 鄞州,Beilun 北仑,Zhenhai 镇海",
           "Yuyao 余姚,Cixi 慈溪,Ninghai 宁海,Xiangshan 象山,Fenghua 奉化"),
    "WZ": ("ZJ", "Wenzhou", "温州", 27.994, 120.699, 9.6,
           "Lucheng 鹿城,Longwan 龙湾,Ouhai 瓯海",
           "Rui'an 瑞安,Yueqing 乐清,Yongjia 永嘉,Pingyang 平阳,Cangnan 苍南,Wencheng 文成"),
}
# fmt: on

PROVINCES = {"GD": ("Guangdong", "广东"), "ZJ": ("Zhejiang", "浙江")}


def districts(text: str) -> list[tuple[str, str]]:
    """Split 'En 中,En2 中2' into (en, zh) pairs."""
    return [tuple(part.rsplit(" ", 1)) for part in text.split(",")]


STREETS = districts(
    "Renmin 人民路,Zhongshan 中山路,Jiefang 解放路,Jianshe 建设路,Xinhua 新华路,Wenhua 文化路,"
    "Dongfeng 东风路,Heping 和平路,Chaoyang 朝阳路,Guangming 光明路,Xingfu 幸福路,Fuqian 府前路,"
    "Zhanqian 站前路,Binjiang 滨江路,Xuefu 学府路,Hubin 湖滨路,Huayuan 花园路,Yingbin 迎宾路,"
    "Qingnian 青年路,Zhenxing 振兴路,Tiyu 体育路,Chang'an 长安路,Nanhu 南湖路,Jinsha 金沙路,"
    "Huancheng 环城路,Chengnan 城南路,Chengbei 城北路,Minsheng 民生路,Xinsheng 新生路,"
    "Baiyun 白云路,Jinxiu 锦绣路,Xianghe 祥和路"
)
TOWNS = districts(
    "Shiqiao 石桥,Longshan 龙山,Daling 大岭,Xinxu 新圩,Jiangkou 江口,Shatian 沙田,Hengli 横沥,"
    "Baishi 白石,Huangtian 黄田,Taiping 太平,Qingtang 青塘,Shuikou 水口,Maba 马坝,Changle 长乐,"
    "Gaoqiao 高桥,Dongsheng 东升,Fenghuang 凤凰,Xiling 西岭,Sanjiang 三江,Hexi 河西,Tangkou 塘口,"
    "Xintang 新塘,Liantang 莲塘,Shibei 石碑"
)
