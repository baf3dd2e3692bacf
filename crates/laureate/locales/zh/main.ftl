# Laureate：中文词条。此处每个键也必须出现在 en/main.ftl 中（有测试检查）。

site-name = 国际科技合作奖
site-tagline = 中华人民共和国国际科学技术合作奖
skip-to-content = 跳到正文
nav-label = 主导航
nav-home = 奖项
nav-laureates = 获奖者
nav-stats = 统计
nav-history = 历史沿革
nav-dashboard = 我的工作
nav-login = 登录
nav-logout = 退出
lang-switch = English
footer-text = 中华人民共和国国际科学技术合作奖公共记录。每条记录均注明来源。
footer-api = 接口
footer-data = 下载获奖者名录（CSV）
message-back = 返回
unknown = 不详
list-and = 和
list-or = 或

home-eyebrow = 五项国家科学技术奖之一
home-lead = 授予对中国科学技术事业做出重要贡献的外国人或者外国组织，是国家科学技术奖中专门授予外国人或者外国组织的奖项。1994年设立，1995年正式授奖。
home-browse = 浏览获奖者
home-history = 奖项历史
home-criteria-title = 授奖对象
home-criteria-candidates = 外国人或者外国组织（含国际组织），且符合下列情形之一：
home-criteria-source = 《国家科学技术奖励条例》第十三条。中国公民不属于本奖授奖对象。
home-rules-title = 现行规则
home-cycle-title = 当前评审周期
home-no-cycle = 目前没有正在进行的评审。
home-recent-title = 获奖者
home-recent-lead = 名录中最新的记录。
rules-max = 每次授奖数额上限
rules-grades = 等级
rules-no-grades = 不分等级
rules-conferred = 授予
rules-approval = 批准机关
rules-period = 评审周期
rules-period-years = { $years ->
    [1] 每年一次
    [2] 每两年一次
   *[other] 每{ $years }年一次
}
rules-rule-set = 规则集
conferred-medal = 奖章
conferred-certificate = 证书
conferred-no-money = ；不颁发奖金

laureates-title = 获奖者
laureates-lead = 公开资料所载1995年以来的全部获奖者，每条记录均注明来源。
laureates-count = 共{ $count }条记录
laureates-download-csv = 以CSV格式下载这些记录
laureates-download-json = 以JSON格式下载
filter-q = 搜索
filter-q-placeholder = 中文或英文姓名、单位、领域
filter-year = 授奖年度
filter-kind = 类别
filter-country = 国家
filter-any = 不限
filter-apply = 筛选
pager-label = 分页
pager-prev = 上一页
pager-next = 下一页
pager-page = 第{ $page }页，共{ $pages }页
col-year = 授奖年度
col-name = 姓名或名称
col-name-en = 英文名称
col-name-zh = 中文名称
col-kind = 类别
col-country = 国家
col-field = 领域
col-affiliation = 单位
col-ceremony = 颁奖仪式
col-status = 状态
col-title = 标题
col-next = 下一步
col-nominator = 提名者
col-reviews = 评分
kind-individual = 个人
kind-international_organization = 国际组织
kind-foreign_institution = 外国组织
status-awarded = 已授奖
status-revoked = 已撤销
laureate-revoked = 该奖励已被撤销。
laureate-sources = 来源
laureate-source-system = 批准情况由本系统记录，记录保存在审计日志中。
laureate-permalink = 永久地址

history-title = 奖项历史
history-lead = 奖项及其规则的由来，逐次修订。每次修订形成一个规则集，此后开放的评审周期遵循该规则集。
history-rule-set = 规则集
history-source = 来源
history-1992-title = 前身奖项
history-1992-text = 国家科学技术委员会设立面向外国专家的奖项，为本奖前身。
history-1994-title = 设立奖项
history-1994-text = 国务院设立中华人民共和国国际科学技术合作奖。
history-1996-title = 首批获奖者
history-1996-text = 1995年度首批奖励于1996年颁发，六位外国科学家获奖。
history-1999-title = 五项国家科学技术奖
history-1999-text = 《国家科学技术奖励条例》将本奖列为五项国家科学技术奖之一。候选人由推荐单位和个人限额推荐；由国务院颁发证书。
history-2003-title = 条例第一次修订
history-2003-text = 《国家科学技术奖励条例》第一次修订。
history-2013-title = 第二次修订
history-2013-text = 条例再次修订，本奖项无具体变化。
history-2020-title = 第三次修订：提名制与奖章
history-2020-text = 实行提名制度、不受理自荐，取代推荐制；颁发奖章和证书；实行科研诚信审核制度，设立监督委员会。
history-2021-title = 2021、2022年度未评奖
history-2021-text = 评审暂停，2021、2022年度未开展评奖。
history-2022-title = 2020年度奖励在海外颁发
history-2022-text = 2020年度获奖者于2022年在中国驻外使馆领奖（堪培拉、巴黎、德国，以及仅一处来源提到的荷兰）。
history-2024-title = 由党中央、国务院批准
history-2024-text = 自2024年5月26日起，奖励由党中央、国务院批准。2024年6月，十位外国专家获得2023年度奖励。
history-2025-title = 2025年实施细则
history-2025-text = 评审改为每两年一次，每次授奖不超过10个。
history-prizes-title = 五项国家科学技术奖
history-prizes-text = 1999年《国家科学技术奖励条例》确立五项国家科学技术奖，本奖是其中专门授予外国人或者外国组织的奖项。
prize-highest = 国家最高科学技术奖
prize-natural = 国家自然科学奖
prize-invention = 国家技术发明奖
prize-progress = 国家科学技术进步奖
prize-istc = 中华人民共和国国际科学技术合作奖

stats-title = 统计
stats-totals = 名录现有{ $held }条记录；在资料涵盖的授奖年度中，资料报道的获奖数额共{ $reported }个（个人和组织合计）。
stats-per-year = 各授奖年度获奖者
stats-per-year-table = 各授奖年度的现有记录与资料报道数
stats-chart-caption = 灰色：资料报道的获奖者数；红色：名录现有记录数。红色较短的年度仅部分收录。
stats-held = 现有记录
stats-reported = 资料报道
stats-completeness = 完整程度
stats-note = 备注
stats-complete = 完整
stats-partial = 部分收录
stats-unknown = 数量不详
stats-none-awarded = 未授奖
stats-by-country = 按国家
stats-by-kind = 按类别
stats-count = 记录数
stats-json = 以JSON格式查看这些数据

verify-title = 证书验证
verify-unknown = 没有证书使用此验证码。请核对证书上印制的验证码。

login-title = 登录
login-lead = 供奖励办公室、提名者、评审专家、委员会委员和批准机关使用。
login-submit = 登录
field-email = 电子邮箱
field-password = 密码

dashboard-title = 我的工作
dashboard-cycles = 评审周期
dashboard-my-nominations = 我的提名
dashboard-my-reviews = 分配给我的提名
dashboard-none = 暂无内容。
list-showing = 第{ $from }—{ $to }项，共{ $total }项。
list-previous = 上一页
list-next = 下一页
next-wait = 暂无需办理事项，等待下一阶段
cycle-open-title = 启动评审周期
cycle-open-submit = 启动
field-title-en = 英文标题
field-title-zh = 中文标题
cycle-phase = 阶段
cycle-schedule = 日程
cycle-advance = 立即进入下一阶段
cycle-counts = 各状态提名数
cycle-nominations = 提名
cycle-publish = 公示已受理的候选者
cycle-start-review = 将已公示的候选者提交初评
cycle-complete-reviews = 结束已评分提名的评审
cycle-approved-by = 经{ $body }批准（{ $document }，{ $date }）。
ministry-note = 科技部审核意见
ministry-submit = 记录科技部审核
nomination-new = 新建提名
nomination-edit = 编辑提名材料
nomination-save = 保存草稿
nomination-candidate = 候选者
nomination-citation = 授奖评语
nomination-dossier = 提名材料
nomination-eligibility = 资格审查
nomination-actions = 操作
nomination-history = 处理记录
field-categories = 贡献类别
field-citation-en = 英文评语
field-citation-zh = 中文评语
field-country-code = 国籍或所在国（ISO代码）
field-country-hint = 两个字母，例如德国为DE。
field-reason = 理由
review-assign = 分配评审专家
review-expert = 专家
review-assign-submit = 分配
review-yours = 您的评审
review-score = 评分（0～100）
review-comment = 评审意见
review-submit = 提交评审
review-scores = 评审意见
ballot-open = 发起委员会表决
ballot-close = 结束表决并计票
ballot-title = { $committee }表决（第{ $round }轮）
ballot-summary-open = 无记名投票，委员{ $members }人，进行中。名额剩余：{ $slots }。
ballot-summary-closed = 无记名投票，委员{ $members }人，已结束。名额剩余：{ $slots }。
ballot-cast = 已投票数
ballot-result = 结果
ballot-your-vote = 您的投票
ballot-in-progress = 投票结束时计票
ballot-tally = { $outcome }：赞成{ $yes }，反对{ $no }，弃权{ $abstain }
vote-yes = 赞成
vote-no = 反对
vote-abstain = 弃权
vote-submit = 投票
vote-recorded = 您的投票已记录
resolution-title = 奖励委员会决议
resolution-lead = 评审委员会建议授奖的候选者。奖励委员会委员对每位候选者进行无记名投票；决议按表决结果作出，并记录每位候选者的票数。
resolution-adopt = 通过决议
approval-title = 批准
approval-lead = 经国家科学技术奖励委员会表决通过、科技部审核通过，报{ $body }决定的候选者：逐一批准、退回奖励委员会或不予批准，并说明理由。
approval-document = 决定文号
approval-submit = 记录批准
audit-recent = 最新审计记录
audit-at = 时间
audit-actor = 操作者
audit-action = 操作
audit-subject = 对象

flash-cycle-opened = 评审周期已开启。
flash-key-compromised = 该密钥已标记为已泄露。核验页面现将其自该日起签发的文件显示为以已泄露的密钥签发。
flash-phase-advanced = 已进入下一阶段。
flash-published = 已受理的候选者已公示，异议期开始。
flash-review-started = 已公示的候选者进入初评。
flash-reviews-completed = 已评分提名的评审已结束。
flash-ballot-opened = 表决已开始。
flash-ballot-closed = 表决已结束并完成计票。
flash-resolution-adopted = 决议已通过。
flash-ministry-reviewed = 科技部审核已记录。
flash-approved = 批准已记录，获奖者已列入名录。
flash-saved = 已保存。
flash-moved = 已完成。
flash-assigned = 专家已分配。
flash-review-saved = 您的评审已保存。
flash-voted = 您的投票已记录。

role-admin = 奖励办公室
role-nominator = 提名者
role-reviewer = 评审专家
role-committee = 评审委员会委员
role-awards_committee = 奖励委员会委员
role-supervisor = 监督委员会委员
role-approver = 批准机关
role-researcher = 研究人员

phase-upcoming = 未开始
phase-nomination = 提名
phase-formal_review = 形式审查
phase-objection = 受理公示
phase-review = 初评
phase-committee = 评审委员会评审
phase-approval = 批准
phase-ceremony = 颁奖
phase-closed = 结束

state-draft = 草稿
state-submitted = 已提交
state-returned = 退回修改
state-rejected = 不予受理
state-accepted = 已受理
state-published = 公示中
state-under_review = 初评中
state-reviewed = 初评完成
state-recommended = 建议授奖
state-not_recommended = 不建议授奖
state-resolved = 奖励委员会已决议
state-not_confirmed = 奖励委员会未通过
state-endorsed = 科技部审核通过
state-refused = 不予批准
state-approved = 已批准
state-conferred = 已授奖
state-withdrawn = 已撤回
state-revoked = 已撤销

action-submit = 提交
action-accept = 受理
action-return = 退回修改
action-reject = 不予受理
action-publish = 公示
action-start_review = 提交初评
action-complete_review = 结束初评
action-recommend = 建议授奖
action-not_recommend = 不建议授奖
action-resolve = 作出决议
action-not_confirm = 不予通过
action-endorse = 审核通过，报批
action-return_to_committee = 退回奖励委员会
action-refuse = 不予批准
action-approve = 批准
action-confer = 授奖
action-withdraw = 撤回
action-revoke = 撤销
action-send_back = 因异议退回
action-exclude = 因异议取消参评资格

category-joint_research = 同中国的公民或者组织合作研究、开发，取得重大科学技术成果
category-teaching_training = 向中国的公民或者组织传授先进科学技术、培养人才，成效特别显著
category-exchange_cooperation = 为促进中国与外国的国际科学技术交流与合作，做出重要贡献

eligibility-kind = 候选者属于本奖接受的类别
eligibility-foreign = 候选者为外国人或外国组织（中国公民不属于授奖对象）
eligibility-categories = 至少符合条例第十三条所列情形之一
eligibility-no-self-nomination = 非自荐（条例第十四条：不受理自荐）

outcome-passed = 通过
outcome-failed = 未通过
outcome-needs_office_check = 由奖励办核查
outcome-no_quorum = 到会委员人数不足
outcome-over_quota = 通过，但超出名额
outcome-tied = 名额边界票数相同：需再次投票

title-not-found = 未找到
title-forbidden = 无权操作
title-conflict = 当前无法操作
title-invalid = 请检查表单
title-error = 出现错误

error-invalid = 部分字段需要修改。
error-too-large = 超出了允许的大小。
error-unauthenticated = 请先登录。
error-no-signing-key = 本服务器没有签发证书的密钥。请以 --signing-key FILE 启动服务器（该密钥由“laureate certificates keygen”生成，由奖励办公室保管，仅其所有者可读）：私钥从不存入数据库。
error-signing-key-compromised = 签名密钥 { $key } 已被标记为自 { $day } 起泄露，不再签发任何文件。请使用新密钥启动服务器（--signing-key FILE，由“laureate certificates keygen”生成）；{ $day } 之前签发的证书仍然有效。
error-key-compromised-already = 该密钥已被标记为自 { $day } 起泄露，只能改为更早的日期。
error-forbidden = 您作为{ $role }，无权进行此操作。
error-not-found = 没有这个{ $what }。
error-internal = 系统内部出现错误，已记录，请重试。
error-wrong-phase = 此操作只能在“{ $allowed }”阶段进行，当前处于“{ $current }”阶段。
error-not-permitted = 您作为{ $role }，不能对此提名进行“{ $action }”操作。
error-objection-move = 处于“{ $status }”状态的异议不能进行“{ $action }”操作。
error-illegal-state = 处于“{ $state }”状态的提名不能进行“{ $action }”操作。
error-login-failed = 电子邮箱或密码错误。
error-csrf = 表单已过期，请刷新页面后重试。
error-no-body = 您的账户未关联任何提名者。
error-not-editable = 提名处于“{ $state }”状态，不能修改。
error-stale-version = 自您打开以来，此记录已被他人修改。请刷新页面查看最新版本。
error-cycle-closed = 该评审周期已结束。
error-not-under-review = 该提名不在初评中（当前为“{ $state }”）。
error-already-assigned = 该专家已分配到此提名。
error-ballot-open = 本周期已有进行中的表决。
error-ballot-closed = 表决已结束。
error-not-reviewed = 提名{ $id }尚未完成初评。
error-nothing-to-vote = 没有等待投票的已评审提名。
error-no-committee = 评审委员会没有委员。
error-already-voted = 您已对此项投票。
error-no-ministry-review = 批准前须先记录科技部审核。
error-quota = 批准后本次获奖数额将达{ $count }个，规则集规定最多{ $max }个。
error-laureate-exists = { $name }已列入该授奖年度的名录。

invalid-required = 此项必填。
invalid-too-long = 内容过长：最多{ $detail }个字符。
invalid-control-characters = 内容含有控制字符。
invalid-invalid-email = 这不是有效的电子邮箱。
invalid-password-too-short = 密码至少{ $detail }个字符。
invalid-password-common = 此密码过于常见，请另选。
invalid-password-personal = 密码中不要包含您的电子邮箱地址或姓名。
invalid-password-guessable = 此密码容易被猜中（重复、键盘连续按键、常见单词或日期）。由几个互不相关的词组成的密码更安全。
invalid-out-of-range = 取值须在{ $detail }范围内。
invalid-invalid-country = 请使用两个字母的ISO国家代码，例如DE。
invalid-unknown-kind = 请选择候选者类别：个人、国际组织、外国组织或项目。
invalid-unknown-category = 请在三项贡献类别中选择。
invalid-email-taken = 该电子邮箱已有账户。
invalid-invitation-account-exists = { $detail } 已有账户，无需邀请。
invalid-cycle-exists = 该授奖年度的评审周期已存在。
invalid-not-a-number = 此项须为数字。
invalid-before-opening = 截止时间须晚于开始时间。
invalid-unknown-role = 未知角色。
invalid-unknown-vote = 请选择赞成、反对或弃权。

fieldname-action = 操作
fieldname-award_year = 授奖年度
fieldname-body = 提名者
fieldname-categories = 贡献类别
fieldname-email = 电子邮箱
fieldname-kind = 类别
fieldname-response = 答复
fieldname-name_en = 英文名称
fieldname-name_zh = 中文名称
fieldname-country = 国家
fieldname-field = 领域
fieldname-citation_en = 英文评语
fieldname-citation_zh = 中文评语
fieldname-reason = 理由
fieldname-role = 角色
fieldname-score = 评分
fieldname-comment = 评审意见
fieldname-vote = 投票
fieldname-nomination_closes_at = 提名截止时间
fieldname-title_en = 英文标题
fieldname-title_zh = 中文标题
fieldname-password = 密码
fieldname-display_name = 姓名或名称
fieldname-note = 意见
fieldname-document = 决定文号
fieldname-eligibility = 资格

# 提名深化：提名者名册、提名材料、证明材料、形式审查、科研诚信。
autosave-saved = 草稿已于{ $time }自动保存。
cycle-back = 返回评审周期
office-tools = 奖励办工具
nomination-new-individual = 提名候选人
nomination-new-organization = 提名候选组织
nomination-form-individual = 提名书（候选人）
nomination-form-organization = 提名书（候选组织）
nomination-version = 版本
nomination-versions = 已提交的版本
field-birth-year = 出生年份
field-birth-year-hint = 用于区分同名者，不予公开。
field-org-country-code = 组织所在国（ISO代码）
field-contribution-en = 英文主要贡献
field-contribution-zh = 中文主要贡献
field-partners = 中方合作单位
field-partners-hint = 每个合作单位及合作起止年份；合作仍在继续的，截止年份留空。
field-from-year = 起
field-to-year = 止
field-display-name = 您的姓名
field-password-hint = 至少12个字符，长短语最佳。
declaration-text = 提名者声明：已按照提名办法提名，并对提名材料的真实性和准确性负责（条例第十五条）。
checklist-title = 形式审查清单
checklist-dossier-complete = 提名材料完整，需双语处均已填写
checklist-categories-substantiated = 贡献类别有充分依据
checklist-partners-confirmed = 中方合作单位已核实
checklist-evidence-attached = 证明材料齐全、清晰
checklist-declaration-signed = 提名者已签署声明
checklist-integrity-screened = 已完成科研诚信审核
evidence-title = 证明材料
evidence-none = 尚未上传证明材料。
evidence-file = 文件
evidence-size = 大小
evidence-remove = 删除
evidence-add = 添加证明材料
evidence-hint = PDF、PNG或JPEG，单个文件不超过10 MB，每份提名不超过40 MB。
evidence-upload = 上传
flag-duplicate = 同一候选者似乎也在提名{ $id }中被提名：受理前请核查。
flag-integrity = 科研诚信信息第{ $id }条涉及候选者或提名者。
queue-title = 形式审查队列
queue-lead = 等待形式审查的已提交提名，按提交先后排列，并列出需核查事项。
queue-empty = 没有等待形式审查的提名。
queue-submitted = 提交时间
queue-check = 需核查
roster-title = 提名者名册
roster-lead = 具有提名资格的提名者及其经办人员，以及暂停或者取消提名资格的记录（条例第十四条、第三十一条）。
roster-link-once = 邀请已通过邮件发送；为防邮件未能送达，链接在此显示，仅此一次。链接只能使用一次，7天后失效：
roster-class = 类别
roster-members = 工作人员
roster-right = 提名资格
roster-entitled = 有效
roster-invite = 邀请工作人员
roster-invite-submit = 邀请
roster-sanction = 处理
roster-sanction-submit = 记录
roster-until = 截止日期
roster-add = 添加提名者
roster-add-submit = 添加
sanction-suspension = 暂停
sanction-cancellation = 取消
sanction-suspension-until = 提名资格暂停至{ $until }：{ $reason }
sanction-cancellation-until = 提名资格已取消：{ $reason }
class-central_organ = 中央和国家机关有关部门
class-provincial_government = 省、自治区、直辖市、计划单列市人民政府
class-university = 高等学校
class-research_institution = 科研机构
class-embassy_consulate = 中华人民共和国驻外使馆、领馆
class-expert_group = 提名专家（联合提名）
class-organization = 经科技部认定的组织机构
invitation-title = 以提名者身份加入
invitation-lead = 您受邀代表以下单位进行提名：
invitation-lead-role = 您受邀以{ $role }身份使用 Laureate。请设置姓名和密码。
invitation-submit = 创建账户
integrity-title = 科研诚信信息
integrity-lead = 因科研不端行为被禁止参评、科研诚信严重失信行为记录、党纪政务处分，均有期限。候选者和提名者均须对照审核（条例第十六条、第二十四条）。
integrity-kind = 类别
integrity-period = 期限
integrity-reference = 依据
integrity-from = 起
integrity-to = 止
integrity-add = 添加记录
integrity-add-submit = 添加
listing-misconduct_ban = 因科研不端行为禁止参与奖励活动
listing-serious_dishonesty = 科研诚信严重失信行为记录
listing-disciplinary_sanction = 党纪政务处分
eligibility-nominator-entitled = 提名者具有提名资格（条例第十四条、第三十一条）
eligibility-quota = 未超出提名者本周期的提名名额
eligibility-window = 在提名期内
eligibility-not-laureate = 尚未获得本奖
eligibility-not-duplicate = 本周期未被重复提名
eligibility-integrity = 不存在条例第十六条规定的不得提名情形
eligibility-nominator-integrity = 提名者未列入科研诚信记录
error-invitation-used = 此邀请已被使用。请向奖励办公室索取新的邀请。
error-invitation-expired = 此邀请已过期。请向奖励办公室索取新的邀请。
flash-attached = 证明材料已添加。
flash-removed = 证明材料已删除。
flash-body-created = 该单位已列入名册。
flash-invited = 邀请已生成。
flash-sanctioned = 处理已记录。
flash-listing-added = 记录已添加。
flash-welcome = 欢迎。您的账户已创建。
people-title = 用户与权限
error-last-office-account = 这是最后一个有效的奖励办账户，更改后奖励办将无法登录。
field-body-for-nominators = 所属提名者
fieldname-body_id = 所属提名者
people-body-hint = 仅用于提名者工作人员的账户：其所代表的提名者。
people-no-body = 不属于提名者
people-lead = 本奖项的全部账户，以及用于创建账户的邀请。邀请以受邀人所选语言通过邮件发送，链接仅可使用一次，有效期7天；链接也仅向您显示一次。
people-invite = 邀请用户
people-invite-submit = 发送邀请
people-accounts = 账户
people-search = 姓名或电子邮箱
people-search-submit = 搜索
people-any-role = 全部角色
people-none = 没有符合条件的账户。
people-refine = 请按姓名、邮箱或角色搜索其他账户。
people-active = 有效
people-deactivated = 已停用
people-change-role = 角色
people-new-role = 新角色：
people-change-role-submit = 更改角色
people-access = 访问权限
people-deactivate = 停用
people-reactivate = 重新启用
people-you = 当前账户
people-invitations = 尚未使用的邀请
people-no-invitations = 没有待处理的邀请。
people-expires = 链接有效期至
people-resend = 重新发送
people-revoke = 撤回
experts-invite = 邀请参加评审
account-title = 我的账户
account-profile = 姓名和语言
account-lang = 邮件语言
account-profile-submit = 保存
account-password = 密码
account-password-hint = 更改密码后，您在其他设备上的登录将全部退出。
account-password-submit = 更改密码
account-sessions = 当前登录
account-device = 浏览器
account-address = 地址
account-signed-in = 登录时间
account-last-use = 最近使用
account-unknown-device = 未知
account-this-session = 本浏览器
account-end-session = 退出该登录
account-end-others = 退出其他全部登录
account-zone = 时间为{ $zone }。
account-sign-ins = 最近登录记录
account-no-sign-ins = 暂无。
account-known-device = 来自曾使用过的浏览器
account-new-device = 来自新的浏览器
field-current-password = 当前密码
entity-session = 登录会话
fieldname-current_password = 当前密码
fieldname-new_password = 新密码
invalid-wrong-password = 当前密码不正确。
flash-profile-saved = 已保存。
flash-password-changed = 密码已更改，其他全部登录均已退出。
flash-session-ended = 该登录已退出。
flash-sessions-ended = 其他全部登录均已退出。
nav-account = 我的账户
account-email = 电子邮箱
account-email-lead = 您的邮箱为 { $email }。新邮箱须经确认：系统将向新邮箱发送确认链接，有效期24小时，并通知您现在的邮箱。
account-email-submit = 发送确认链接
field-new-email = 新电子邮箱
fieldname-new_email = 新电子邮箱
email-confirm-title = 确认新电子邮箱
email-confirm-lead = 您 Laureate 账户的邮箱将改为 { $email }。
email-confirm-submit = 确认新邮箱
email-confirmed = 您账户的邮箱现为 { $email }。
error-email-link = 该链接已使用或已过期。请在“我的账户”页面重新申请。
flash-email-change-asked = 确认链接已发送至新邮箱。
mail-email-confirm-subject = 确认您的 Laureate 新邮箱
mail-email-confirm-body = 请确认将 { $new } 设为您 Laureate 账户的邮箱（链接仅可使用一次，有效期24小时）：
    { $link }

    如您并未申请，请忽略本邮件。
mail-email-change-asked-subject = 有人申请更改您的 Laureate 邮箱
mail-email-change-asked-body = 已登录您 Laureate 账户的人申请将邮箱改为 { $new }。该邮箱确认后方才更改。

    如非本人操作，请立即重置密码：{ $reset }
mail-email-changed-subject = 您的 Laureate 邮箱已更改
mail-email-changed-body = 您 Laureate 账户的邮箱现为 { $new }，本邮箱将不再收到该账户的邮件。

    如非本人操作，请立即告知奖励办并重置密码：{ $reset }
field-role = 角色
field-invitee-name = 姓名
field-invitation-lang = 邀请邮件语言
field-new-password = 新密码
col-actions = 操作
invitation-sent-title = 邀请已发送
invitation-sent-lead = 邀请已发送至 { $email }。链接仅可使用一次，有效期至{ $expires }（{ $zone }）。
invitation-state-pending = 等待接受
invitation-state-expired = 已过期
invitation-state-revoked = 已撤回
flash-invitation-revoked = 邀请已撤回，链接即时失效。
flash-role-changed = 角色已更改。
flash-deactivated = 账户已停用，其全部会话已结束。
flash-reactivated = 账户已重新启用。
flash-password-reset = 密码已更改，请使用新密码登录。
forgot-title = 重置密码
forgot-link = 忘记密码？
forgot-lead = 请填写账户的电子邮箱。如该邮箱有账户，系统将向其发送设置新密码的链接；链接仅可使用一次，有效期1小时。
forgot-submit = 发送链接
forgot-sent = 如该邮箱有账户，设置新密码的链接已发出。请查收邮件；链接仅可使用一次，有效期1小时。
reset-title = 设置新密码
reset-submit = 设置新密码
error-reset-link = 该链接已使用或已过期，请重新申请。
error-reset-throttled = 来自此处的请求过多，请一小时后再试。
error-password-checks = 该账户的密码验证次数过多。请一小时后再试，或重置密码。
error-invitation-closed = 该邀请已被使用或已撤回。
error-deactivate-self = 不能停用自己的账户。
invalid-expert-only-reviewer = 只有评审专家才能关联专家库中的条目。
mail-invitation-subject = Laureate 系统邀请
mail-invitation-body = 您受邀以{ $role }身份使用 Laureate（中华人民共和国国际科学技术合作奖管理系统）。

    请通过以下链接设置姓名和密码（链接仅可使用一次，有效期至{ $expires }，{ $zone }）：
    { $link }

    如您并未预期收到此邀请，请忽略本邮件。
mail-reset-subject = 重置 Laureate 密码
mail-reset-body = 有人申请重置您 Laureate 账户的密码。请通过以下链接设置新密码（链接仅可使用一次，有效期1小时）：
    { $link }

    如非本人操作，请忽略本邮件，您的密码不会改变。
mail-password-changed-subject = 您的 Laureate 密码已更改
mail-password-changed-body = 您 Laureate 账户的密码已更改，该账户的全部会话均已结束。

    如非本人操作，请立即重置密码：{ $reset }
mail-new-device-subject = 您的 Laureate 账户有新的登录
mail-new-device-body = 一个此前未登录过您 Laureate 账户的浏览器于{ $when }（{ $zone }）从 { $client } 登录：
    { $browser }

    如是您本人，无需处理。如非本人，请立即重置密码，这将退出全部登录：{ $reset }
invalid-unknown-class = 请选择提名者类别。
invalid-body-exists = 名册中已有同名单位。
invalid-unknown-sanction = 请选择暂停或取消。
invalid-in-the-past = 须为将来的日期。
invalid-declaration-required = 提交前，请声明对提名材料的真实性和准确性负责（条例第十五条）。
invalid-checklist-missing = 未勾选：{ $detail }。
invalid-too-many = 最多{ $detail }项。
invalid-bad-years = 合作年份须在1949年至2100年之间，截止年份不早于起始年份。
invalid-file-empty = 文件为空。
invalid-file-too-large = 文件超过10 MB。
invalid-file-type = 仅接受PDF、PNG和JPEG文件；无论文件名如何，此文件内容均不属于这些格式。
invalid-dossier-full = 该提名的证明材料将超过40 MB。
invalid-too-many-files = 每份提名最多20个文件。
invalid-file-unreadable = 无法读取上传的文件。
invalid-unknown-listing = 请选择记录类别。
invalid-not-a-date = 请使用YYYY-MM-DD格式的日期。
fieldname-declaration = 声明
fieldname-checklist = 审查清单
fieldname-file = 文件
fieldname-partners = 合作单位
fieldname-birth_year = 出生年份
fieldname-contribution_en = 英文主要贡献
fieldname-contribution_zh = 中文主要贡献
fieldname-ends_at = 处理截止时间
fieldname-starts_on = 起始
fieldname-ends_on = 截止
fieldname-class = 类别

# 名录深化：更正、开放数据、规则集、封存档案。
filter-field = 领域
filter-sort = 排序
sort-year_desc = 授奖年度从新到旧
sort-year_asc = 授奖年度从旧到新
sort-name = 按名称
sort-country = 按国家
laureate-correct = 更正此记录
laureate-correct-submit = 记录更正
laureate-correction = 更正
laureate-corrections = 更正记录
flash-corrected = 更正已记录，见下文。
fieldname-ceremony_date = 颁奖日期
fieldname-ceremony_place = 颁奖地点
fieldname-source_url = 来源
fieldname-affiliation = 单位
fieldname-purpose = 研究目的
invalid-no-change = 记录内容已是如此，无需更正。
invalid-not-a-url = 请填写以 http:// 或 https:// 开头的地址。
stats-by-field = 按领域
stats-csv = 以CSV格式下载这些数据
stats-cumulative = 累计获奖者
stats-cumulative-caption = 红色：名录现有记录逐年累计；灰色：资料报道的获奖者逐年累计。
open-data-title = 开放数据
open-data-lead = 可供再利用的完整名录，每条记录均注明来源。
open-data-downloads = 下载
open-data-json = JSON格式名录，附许可协议和数据日期
open-data-csv = CSV格式名录
open-data-stats = 各授奖年度获奖者（CSV）
open-data-records = 记录数
open-data-as-of = 数据日期
open-data-licence = 许可协议
open-data-note = 数据汇编自各条记录注明的公开资料。记录数少于资料报道数的年度为不完整年度，统计页面有说明。
open-data-api = 接口
open-data-api-text = 同样的数据可经JSON接口筛选、分页获取：
rules-title = 规则集
rules-lead = 各版《条例》及其实施细则所定的奖励规则。评审周期始终沿用其评审年度适用的规则集。
rules-effective = 施行日期
rules-regulation = 依据
rules-changes = 主要变化
rules-intake = 候选者产生方式
rules-objection-days = 异议期（天）
rules-quorum = 委员会到会人数要求
rules-threshold = 通过比例
rules-secret = 无记名投票
rules-integrity = 科研诚信审核
rules-supervision = 监督委员会
rules-seal = 档案封存年限
intake-recommendation = 由推荐单位和个人限额推荐
intake-nomination = 由具备资格的单位和专家提名
yes = 是
no = 否
archive-title = 封存档案
archive-lead = 评审周期结束后，其提名、评审、异议和评议记录予以封存。封存期满后，研究人员可在限定期间内申请查阅部分记录，由奖励办决定。奖励办本身只有在记录法定事由后才能查阅封存的记录。
archive-none = 尚无已结束的评审周期。
archive-closed = 结束时间
archive-opens = 可申请查阅时间
archive-apply = 申请查阅
archive-purpose = 研究目的
archive-sealed = 封存中
archive-requests = 查阅申请
archive-decide = 决定
archive-note = 说明（不予批准时必填）
archive-grant = 批准
archive-refuse = 不予批准
flash-archive-requested = 您的申请已记录，将由奖励办公室决定。
flash-archive-decided = 决定已记录。
error-archive-sealed = 该评审周期的记录封存至{ $date }。
error-archive-not-closed = 该评审周期尚未结束，其记录不在档案中。
error-already-decided = 该申请已作出决定。

# 专家评审：专家库、利益冲突、分配、声明、评分细则。
experts-title = 评审专家库
experts-lead = 可参加评审的专家，含其历年任职单位和合作经历，据此发现利益冲突（条例第十八条、第十九条）。
experts-fields = 专业领域
experts-fields-hint = 多个领域以逗号分隔。
experts-affiliations = 任职单位
experts-account = 已有账户
experts-institution = 现任职单位
experts-add = 添加专家
experts-add-submit = 添加
experts-import = 从CSV导入
experts-import-csv = CSV文本
experts-import-submit = 导入
experts-merge = 合并同一人的两条记录
experts-merge-from = 重复记录（编号）
experts-merge-into = 保留记录（编号）
experts-merge-submit = 合并
conflicts-title = 利益冲突
conflicts-lead = 每项冲突均说明发现的理由；与候选者有重大利害关系的评审专家应当回避（条例第十八条）。误判的冲突可以排除，并记录理由；规则未发现的冲突，奖励办可以补充。
conflicts-detect = 重新检测冲突
conflicts-none = 未发现冲突。
conflicts-reason = 理由
conflicts-source = 来源
conflicts-dismiss = 排除
conflicts-dismissed = 已排除
conflicts-add = 添加冲突
conflicts-add-submit = 添加
conflicts-expert-id = 专家编号
conflicts-nomination-id = 提名编号
conflict-source-detected = 规则检测
conflict-source-office = 奖励办
conflict-source-declared = 专家声明
conflict-same-institution = 与候选者现在或近期同一单位
conflict-partner-institution = 候选者的中方合作单位是该专家所在单位
conflict-nominating-body = 该专家本人或其所在单位为提名者
conflict-collaboration = 近期与候选者合作
conflict-relation = 与候选者有亲属或师生关系
conflict-nominated-candidate = 该专家提名了此候选者
conflict-office = 由奖励办记录
conflict-declared = 专家本人声明
assignment-title = 评审专家分配
assignment-lead = 每个评审中的提名分配所需人数的专家，每位专家不超过上限，绝不分配存在冲突的组合。最优：总匹配度最高；随机：按记录的种子可复现的随机抽取（条例第十九条）。先预览，再记录。
assignment-mode = 方式
assignment-optimal = 最优匹配
assignment-random = 随机抽取
assignment-demand = 每个提名的专家数
assignment-max = 每位专家最多
assignment-min = 每位专家最少
assignment-seed = 种子
assignment-preview = 预览
assignment-commit = 记录此分配
assignment-previewed = 预览（未记录）
assignment-committed = 已记录
assignment-objective = 总匹配度
assignment-affinity = 匹配度
assignment-why = 理由
assignment-refused = 不予分配的组合
affinity-same-field = 专家领域与提名领域相同
affinity-related-field = 相关领域
affinity-other-field = 其他领域
affinity-unknown-field = 提名未注明领域
declaration-title = 利害关系声明
declaration-lead = 打开提名材料前，请声明与以下候选者的利益关系：
declaration-question = 您与该候选者是否存在重大利害关系（条例第十八条）？
declaration-no = 否，不存在
declaration-yes = 是，我应当回避
declaration-note = 说明（回避时必填）
declaration-final = 声明一经作出不能撤回；奖励办可以核查所声明的利害关系。
declaration-submit = 声明
review-rubric = 评分，每项0至10分
review-normalized = 标准分（z值）
criterion-significance-of-results = 合作成果的重要性
criterion-depth-of-cooperation = 合作的深度
criterion-benefit-to-china = 对中国科技的贡献
criterion-talent-trained = 人才培养
criterion-knowledge-transferred = 知识传授
criterion-breadth-of-exchange = 交流的广度
criterion-lasting-ties = 长期合作关系
cycle-release-reviews = 向专家公开评审意见
cycle-reminders = 提醒专家完成评审
error-declare-first = 打开提名材料前，请先作利益声明。
error-declared-conflict = 您已声明与该候选者存在冲突，不能查看此提名材料。
error-already-declared = 您已对此提名作出声明，声明不能撤回。
error-already-dismissed = 该冲突已被排除。
flash-expert-added = 专家已加入专家库。
flash-experts-imported = 专家已导入。
flash-experts-merged = 记录已合并，并已重新检测冲突。
flash-conflicts-detected = 已重新检测冲突。
flash-conflict-added = 冲突已记录。
flash-conflict-dismissed = 冲突已排除，理由已记录。
flash-conflict-declared = 您的冲突已记录，您不会评审此提名。
flash-declared = 您的声明已记录。
flash-reviews-released = 评审意见已向专家公开。
flash-reminders-queued = 提醒已排队发送。
invalid-expert-exists = 专家库中已有使用该电子邮箱的专家。
invalid-unknown-collaboration = 请使用 co_author、joint_project、advisor、student 或 family。
invalid-rubric-incomplete = 请为每项评分（0至10分）：{ $detail }。
invalid-unknown-mode = 请选择最优或随机。
invalid-bad-loads = 每个提名至少一位专家，上限不得低于下限。
invalid-unknown-state = 请使用提名所经历的状态之一，例如 submitted。
invalid-same-expert = 请选择两条不同的记录。
invalid-import-not-csv = 这不是有效的 CSV 文本：请检查引号和逗号。
invalid-import-header = 第一行须为表头 { $detail }
invalid-import-affiliation = 每项任职经历请写作“机构:起始年-截止年”，例如 Tsinghua University:2001-2010。
invalid-import-year = 请填写四位数的年份。
invalid-import-collaboration = 每项合作关系请写作“合作者:类型:年份”，例如 Li Wei:co_author:2019。
import-line = 第{ $line }行，{ $column }：{ $problem }未导入任何专家。
fieldname-criteria = 评分
fieldname-mode = 方式
fieldname-demand = 每个提名的专家数
fieldname-nationality = 国籍
fieldname-fields = 领域
fieldname-affiliations = 任职单位
fieldname-collaborations = 合作经历
fieldname-orcid = ORCID
fieldname-from = 重复记录
fieldname-detail = 理由

field-affiliation = 候选者所在单位
field-affiliation-hint = 用于发现存在利益冲突的专家。

# 异议（条例第二十三条）与监督委员会（第二十条）
invalid-unknown-value = 未知取值：{ $detail }。
invalid-objection-anonymous = 异议须实名提出：请填写姓名或单位全称并选择异议提出者类型。匿名异议不予受理。
invalid-objection-unsigned = 个人须签署真实姓名，单位须加盖公章，请确认。
invalid-objection-late = 公示期已于{ $detail }结束，超出期限的异议不予受理。
invalid-objection-not-published = 该提名未公示，不受理异议。
invalid-objection-unknown-ground = 未知异议理由：{ $detail }。
invalid-objection-move-not-allowed = 当前不能进行此操作（{ $detail }）。
invalid-objection-response-late = 答复期限为{ $detail }，已逾期。
error-objection-burst = 来自您地址的异议过多，请{ $minutes }分钟后再试。
error-objection-duplicate = 该异议已收到，请凭回执编号查询进度。
error-objection-open = 对{ $candidate }的异议尚未处理完毕，须先作出处理决定再通过决议。
objections-title = 受理公示
objections-intro = 以下候选者正在公示。任何单位或者个人对公示内容持有异议的，可在公示期内以书面方式实名提出，并提供必要的证据材料。奖励办按有关规定对异议提出者的信息予以保护（本系统中仅奖励办和监督委员会可见）。
objections-deadline = 异议受理截止时间：{ $deadline }（{ $zone }）。
objections-none = 目前没有公示中的候选者。
objections-object = 对该提名提出异议
objection-form-title = 对{ $candidate }提名的异议
objection-kind = 异议提出者类型
objection-kind-person = 个人（签署真实姓名）
objection-kind-organization = 单位（加盖公章）
objection-name = 姓名或单位全称
objection-contact = 接收回执和答复的电子邮箱
objection-grounds = 异议理由
ground-falsified_material = 材料弄虚作假
ground-authorship_dispute = 成果归属争议
ground-integrity = 科研诚信问题
ground-eligibility = 参评资格
ground-other = 其他
objection-statement = 异议内容及理由
objection-evidence = 证据材料（PDF、PNG或JPEG，每个文件不超过10 MB）
objection-signed = 本人（本单位）实名提出异议，已签署真实姓名（或加盖公章）。
objection-submit = 提交异议
objection-received = 您的异议已收到。请保存回执编号以查询处理进度：
objection-status-title = 查询异议进度
objection-receipt = 回执编号
objection-check = 查询
objection-status = 状态
objection-reply = 答复
objection-status-received = 已收到
objection-status-admitted = 已受理
objection-status-inadmissible = 不予受理
objection-status-awaiting_response = 等待提名者答复
objection-status-responded = 提名者已答复
objection-status-dismissed = 异议不成立
objection-status-upheld = 异议成立
invalid-form-unreadable = 无法读取表单（{ $detail }）。请返回后重新提交。
invalid-multipart-required = 请以 multipart/form-data 格式提交异议。
nav-candidates = 受理公示
objections-contribution = 主要贡献
objection-unknown-receipt = 没有此回执编号的异议。
objections-handling-title = 异议处理
objections-handling-none = 未收到异议。
objection-objector = 异议提出者
objection-request = 要求提名者说明
objection-due = 答复期限
objection-response = 提名者答复
objection-effect = 对提名的处理
objection-effect-return = 退回提名者
objection-effect-reject = 取消参评资格
objection-effect-withdraw = 撤回提名
objection-notes = 调查记录
objection-note = 调查记录
objection-add-note = 添加记录
objection-admit = 受理
objection-refuse = 不予受理
objection-ask = 要求提名者答复
objection-decide = 作出处理决定
objection-send-response = 提交答复
report-title = 监督委员会报告
report-none = 监督委员会尚未就本周期提交报告。
report-write = 向奖励委员会报告
report-save = 保存报告
cycle-objections = 异议与监督
flash-objection-admitted = 异议已受理。
flash-objection-inadmissible = 异议不予受理。
flash-objection-awaiting_response = 已要求提名者答复。
flash-objection-responded = 答复已提交。
flash-objection-dismissed = 异议不成立，已答复异议提出者。
flash-objection-upheld = 异议成立，提名已作相应处理并答复异议提出者。
flash-objection-noted = 记录已添加。
flash-report-saved = 报告已保存。
error-supervision-report-missing = 监督委员会尚未就本周期提交报告；奖励委员会须在审阅报告后作出决议。
objector-person = 个人
objector-organization = 单位
error-recused = 您须回避对该提名的表决：{ $reason }（条例第十八条）。
ballot-recused = 回避
ballot-recused-me = 您须回避：存在利益冲突

# Committees
committees-title = 委员会
committees-lead = 委员实行聘任制，每届任期{ $years }年，连续任期不超过{ $terms }届；每个委员会设主任委员1人、副主任委员若干人、秘书长1人。只有在任委员参加表决；与候选者有重大利害关系的委员应当回避该项表决。
committees-none = 暂无在任委员。
committees-in-office = 在任委员
committees-position = 职务
committees-term = 任期
committees-end = 提前结束任期
committees-end-submit = 结束任期
committees-past = 以往及将来的任期
committees-starts = 任期起始日
committees-appoint = 聘任
committee-evaluation = 评审委员会
committee-awards = 国家科学技术奖励委员会
position-chair = 主任委员
position-vice_chair = 副主任委员
position-secretary = 秘书长
position-member = 委员
flash-member-appointed = 委员已聘任。
flash-term-ended = 任期已结束。
error-not-on-ballot = 您不是本次表决的委员会成员：只有表决开始时在任的委员参加表决。
error-ballot-deadline = 表决已过截止时间，不再接受投票。
error-action-not-direct = “{ $action }”不能手工操作：它由表决、决议、批准或撤销程序产生。
invalid-unknown-position = 请选择主任委员、副主任委员、秘书长或委员。
invalid-unknown-account = 没有使用该电子邮箱的有效账户。
invalid-term-wrong-role = 该账户的角色不能担任本委员会委员。
invalid-term-overlaps = 该委员在此期间已有自{ $detail }起的任期。
invalid-term-too-many-in-a-row = 委员连任不超过{ $detail }届；本任期将超出此限。
invalid-term-position-taken = 此期间该职务已由其他委员担任。
invalid-not-a-date-time = 请填写日期和时间。
fieldname-position = 职务
fieldname-closes_at = 截止时间
ballot-deadline = 截止时间（{ $zone }，可选）
ballot-open-submit = 开始表决
ballot-closes-at = 将于{ $zone }{ $at }自动结束。
ballot-tie = 有候选者在名额边界处票数相同，未作决定：请对其再次投票。
ballot-run-off = 对票数相同的候选者再次投票

# Revocation
revocations-title = 撤销奖励
revocations-lead = 获奖者剽窃、侵占他人的发现、发明或者其他科学技术成果，或者以其他不正当手段骗取国家科学技术奖的，由科技部报原批准机关批准后撤销奖励，追回奖章、证书（条例第三十条）。名录保留该记录并注明已撤销。
revocations-none = 暂无撤销奖励事项。
revocation-title = 撤销奖励事项
revocation-heading = 撤销奖励事项：{ $name }（{ $year }年度）
revocation-ground = 理由
revocation-respond-by = 答复截止日期
revocation-summary = 撤销理由摘要
revocation-summary-en = 登记簿所载撤销理由摘要（英文）
revocation-summary-zh = 登记簿所载撤销理由摘要（中文）
revocation-opened = 启动时间
revocation-statement = 事实陈述
revocation-answers = 答复
revocation-no-answers = 尚无答复。
revocation-answer-laureate = 获奖者的答复（据其来函）
revocation-answer-nominator = 提名者的答复
revocation-answer-submit = 记录答复
revocation-decide = 国家科学技术奖励委员会意见
revocation-decide-revoke = 撤销奖励
revocation-decide-dismiss = 不予撤销
revocation-decision-note = 理由
revocation-decide-submit = 记录意见
revocation-approve = 批准撤销
revocation-approve-submit = 批准撤销
revocation-submit = 科技部意见
revocation-submit-lead = 国家科学技术奖励委员会的意见为撤销奖励。请记录科技部的处理：报原批准机关批准（条例第三十条），或者不予报请，撤销程序即告结束，奖励不予撤销。
revocation-submit-yes = 已报原批准机关批准
revocation-submit-no = 不予报请：奖励不予撤销
revocation-submit-note = 科技部来函或理由
revocation-submit-submit = 记录科技部意见
revocation-record = 登记记录
revocation-open = 启动撤销程序
revocation-open-lead = 系统将立即通知提名者；提名者和获奖者可在截止日期前答复。之后由国家科学技术奖励委员会提出意见，科技部报原批准机关批准后撤销奖励。
revocation-open-submit = 启动并通知
revocation-state-notified = 已通知，等待答复
revocation-state-decided = 意见为撤销，等待科技部处理
revocation-state-submitted = 科技部已报请批准，等待批准
revocation-state-revoked = 已撤销
revocation-state-dismissed = 不予撤销
ground-plagiarism = 剽窃、侵占他人成果
ground-fraud = 弄虚作假
ground-improper_means = 其他不正当手段
party-laureate = 获奖者
party-nominator = 提名者
laureate-revoked-grounds = 理由
fieldname-status = 状态
fieldname-ground = 理由
fieldname-statement = 事实陈述
fieldname-summary_en = 摘要（英文）
fieldname-summary_zh = 摘要（中文）
fieldname-respond_by = 答复截止日期
fieldname-party = 答复方
fieldname-revoke = 决定
fieldname-submit = 科技部意见
fieldname-expert_id = 专家
fieldname-lang = 语言
invalid-unknown-ground = 请选择剽窃、弄虚作假或其他不正当手段。
invalid-unknown-party = 请选择获奖者或提名者。
flash-revocation-opened = 撤销程序已启动，并已通知提名者。
flash-revocation-answered = 答复已记录。
flash-revocation-decided = 意见已记录。
flash-revocation-submitted = 科技部意见已记录。
flash-revocation-approved = 撤销已批准，登记簿已显示。
error-revocation-not-permitted = 您的角色不能进行撤销程序的这一步骤。
error-revocation-wrong-state = 该撤销奖励事项不处于这一步骤。
error-revocation-answer-late = 答复期限已过。
error-revocation-already-answered = 该方已经答复。
error-revocation-answers-pending = 当事方仍可答复：请在截止日期后或双方均已答复后作出决定。
error-revocation-open = 该获奖者已有正在进行的撤销奖励事项。
error-laureate-revoked = 该奖励已被撤销。

# Announcement
announcement-eyebrow = 公告
announcement-title = { $year }年度{ $award }获奖者
announcement-lead = 经{ $body }批准（{ $document }，{ $date }）：共{ $count }个获奖者（个人和组织合计）。
announcement-press = 供新闻媒体下载

# Conferral and verification
ceremonies-title = 颁奖仪式
ceremonies-lead = 授奖年度与颁奖日期是两项不同的信息：颁奖通常在其后举行的国家科学技术奖励大会上进行（北京人民大会堂），也曾委托中国驻外使馆在当地颁奖。
ceremonies-none = 尚无颁奖仪式记录。
ceremonies-plan = 安排颁奖仪式
ceremonies-plan-submit = 安排仪式
ceremonies-date = 日期
ceremonies-kind = 地点类型
ceremonies-place-en = 地点（英文）
ceremonies-place-zh = 地点（中文）
ceremonies-presenter = 颁奖人
ceremonies-laureate = 获奖者编号
ceremonies-attendance = 出席情况
ceremonies-honour = 列入本次仪式
place-national_conference = 国家科学技术奖励大会
place-embassy = 驻外使馆
place-consulate = 驻外领馆
place-other = 其他
attendance-in_person = 本人出席
attendance-represented = 委托代表出席
attendance-presented_later = 后续在境外颁发
item-medal = 奖章
item-certificate = 证书
item-state-issued = 已制发
item-state-presented = 已颁发
item-state-recovered = 已追回
cycle-certificates = 制发证书
flash-certificates-issued = 证书已制发。
flash-ceremony-planned = 颁奖仪式已安排。
flash-laureate-honoured = 获奖者已列入本次仪式。
error-not-approved = 本轮尚未批准：证书在批准后制发。
error-already-honoured = 该获奖者已列入本次仪式。
error-item-not-conferred = 该奖项规则不授予此项（2020年修订前不颁发奖章）。
error-item-already-recorded = 已有记录。
error-item-not-issued = 须先制发，方可颁发。
error-item-not-revoked = 奖励撤销后方可追回奖章或证书。
invalid-not-a-sha256 = SHA-256 为64位十六进制数字。
invalid-unknown-laureate = 没有该编号的获奖者。
fieldname-held_on = 日期
fieldname-place_kind = 地点类型
fieldname-place_en = 地点（英文）
fieldname-place_zh = 地点（中文）
fieldname-presenter = 颁奖人
fieldname-laureate_id = 获奖者编号
fieldname-attendance = 出席情况
fieldname-item = 项目
fieldname-state = 状态
fieldname-sha256 = SHA-256
fieldname-on = 日期
laureate-conferral = 奖章、证书与颁奖仪式
laureate-verify = 验证
laureate-ceremony = 颁奖仪式
verify-check = 验证
verify-code = 验证码
verify-number = 证书编号
verify-issued = 制发日期
verify-key = 签名密钥
verify-valid = 此证书有效：证书由本系统制发，所载奖励未被撤销。
verify-revoked = 该奖励已被撤销，此证书不再有效。
verify-document = 您的文件是否为所制发的原件？
verify-document-lead = 上传PDF文件，或填写其SHA-256值（例如用sha256sum计算），系统将其与制发的原件比对。文件不会保存。
verify-file = 证书PDF文件
verify-or-hash = 或其SHA-256值
verify-exact = 该文件正是以此验证码制发的原件。
verify-not-exact = 该文件不是以此验证码制发的原件。其SHA-256值：
verify-offline = 离线验证
verify-offline-lead = 每份证书的元数据中都载有证书内容及Ed25519签名。使用下列公钥，任何人无需访问本网站即可验证证书：
verify-no-keys = 尚未制发任何证书。
keys-title = 证书签名密钥
keys-lead = 曾签发证书的全部密钥，与核验页面公布的一致。如某密钥的私钥文件可能已落入他人之手，请将其标记为自可能泄露的第一天起已泄露：该日起以其签发的证书将显示为不能证明任何事项，且该密钥不再签发任何文件。
keys-in-use = 本服务器以密钥 { $key } 签发。
keys-id = 密钥
keys-public = 公钥
keys-registered = 首次使用
keys-state = 状态
keys-sound = 使用中或已停用，未泄露
keys-compromised-from = 自 { $day } 起已泄露
keys-mark = 标记为已泄露
keys-earlier = 改为自更早日期起已泄露
keys-compromise-title = 将密钥 { $key } 标记为已泄露
keys-consequence = 此操作无法撤销。该密钥于所填日期当日或之后签发的每一份证书，在任何人核验时都将显示为以已泄露的密钥签发，且该密钥不再签发任何文件：如需继续制发证书，请以新密钥启动服务器。该日之前签发的证书仍然有效。
keys-from = 泄露起始日期
keys-from-hint = 密钥可能落入他人之手的第一天，按奖励办公室所在时区计；不得晚于今天。例如 2026-11-30。
verify-compromised = 本证书签发于 { $day } 或之后，而其签名密钥自该日起被标记为已泄露：持有该密钥者均可能制作此证书，其签名不能证明任何事项。请向奖励办公室查询。
verify-key-compromised-from = 自 { $day } 起已泄露：该日起以其签发的文件不能证明任何事项；此前签发的仍然有效。
nav-verify = 证书验证
error-login-throttled = 该账户或该地址登录失败次数过多，请{ $seconds }秒后再试。

# 未找到的对象（“没有这个……”）。
entity-action = 操作
entity-announcement = 公告
entity-attachment = 附件
entity-ballot = 表决
entity-ballot-item = 表决事项
entity-body = 提名者
entity-ceremony = 颁奖仪式
entity-certificate = 证书
entity-committee = 委员会
entity-committee-term = 委员任期
entity-conflict = 利益冲突
entity-cycle = 评审周期
entity-expert = 专家
entity-file = 文件
entity-invitation = 邀请
entity-laureate = 获奖者
entity-message = 邮件
entity-nomination = 提名
entity-objection = 异议
entity-log-tile = 透明日志的该部分
entity-signing-key = 签名密钥
entity-page = 页面
entity-publication = 候选人公示
entity-report = 报告
entity-request = 申请
entity-opening = 档案开启
entity-revocation = 撤销奖励事项
entity-reviewer = 评审专家
entity-rule-set = 规则集
entity-user = 用户

# 数据库维护的约束（值已被占用、引用的记录不存在、同时修改）。
error-reference-gone = 所引用的记录不存在或已不存在。
invalid-not-allowed = 该值不在允许的范围内。
invalid-duplicate-entries = 同一条目列出了两次。
error-laureate-exists-in-year = 该授奖年度的获奖者名录中已有同名获奖者。
error-report-exists = 监督委员会对本周期的报告已经记录。
error-item-recorded = 该获奖者的这一项已经记录。
error-certificate-exists = 已为该获奖者颁发证书。
error-conflict-exists = 该利益冲突已经记录。
error-concurrent-change = 他人同时修改了此内容。请刷新页面后重试。

error-declare-before-scoring = 评分前，请先就该提名作利益声明。
error-declare-before-voting = 表决前，请先就本次表决作利益声明。

ballot-declare-legend = 表决前请作利益声明
ballot-declare-hint = 请勾选与您存在利益冲突的候选人（《条例》第十八条），您将回避对其的表决。如无利益冲突，请不要勾选。声明一经提交不能撤回。
ballot-declare-note = 利益冲突的具体情况（如有勾选，必须填写）
ballot-declare-submit = 提交声明并进入表决
ballot-declare-first = 请先作利益声明
flash-ballot-declared = 您的声明已记录，现在可以表决。
conflict-declared-ballot = 委员本人声明

error-nothing-to-assign = 没有评审中的提名可分配。
error-no-expert-available = 专家库中没有可分配材料的专家：{ $unavailable }位专家均未开通评审账户或账户已停用。请从专家库邀请他们开通账户。
error-assignment-infeasible = { $why ->
    [capacity] 专家人数不足：{ $reviewers }位专家每人至多{ $max_load }份，共可承担{ $capacity }份；而{ $nominations }项提名每项需要{ $demand }位专家，共需{ $needed }份。请提高每位专家的上限、减少每项提名的专家数，或增加专家。
    [min-load] 无法满足最低工作量：每位专家至少{ $min_load }份，共{ $mandatory }份，但只需要{ $available }份。请降低最低工作量。
    [paper] “{ $nomination }”只有{ $candidates }位无利益冲突的专家可以评审，而需要{ $demand }位。请减少每项提名的专家数、撤销不成立的利益冲突，或增加专家。
    [group] { $count }项提名（{ $nominations }）只能分配给同样的{ $reviewers }位专家，他们共可承担{ $capacity }份，而这些提名共需{ $needed }份。请提高每位专家的上限，或增加与其无利益冲突的专家。
   *[other] 按这些人数无法在避免冲突的情况下完成分配：请减少每个提名的专家数，或提高每位专家的上限。
}{ $unavailable ->
    [0] {""}
   *[other] 另有{ $unavailable }位专家未开通评审账户，未参与分配。
}
expert-no-account = 尚未开通评审账户
expert-not-reviewer = 该账户不是评审账户
expert-account-inactive = 账户已停用
assignment-unavailable = 未参与分配的专家
assignment-unavailable-hint = 以下专家库成员开通评审账户后才能分配材料；请从专家库邀请他们。
outbox-title = 未送达的邮件
outbox-lead = 邮件中继拒收或暂时无法接收的邮件。被永久拒收的邮件在几次尝试后停止发送（无法接收邮件的地址会立即停止）；请更正地址或中继后重新发送。
outbox-none = 所有邮件均已送达或正在发送。
outbox-to = 收件人
outbox-subject = 主题
outbox-attempts = 次数
outbox-answer = 中继的最后答复
outbox-state = 状态
outbox-given-up = 已停止发送
outbox-next-try = 下次尝试
outbox-retry = 重新发送
flash-mail-queued-again = 该邮件已重新排队，将在下次发送时发出。
outbox-given-up-count = 有{ $count }封邮件无法送达，已停止发送：查看原因。

# 此前没有名称的值。
archive-request-requested = 已申请
archive-request-granted = 已批准
archive-request-refused = 未批准
operation-advance = 进入下一阶段
operation-draft_nomination = 起草提名
operation-publish_candidates = 公示候选者并受理异议
operation-start_review = 提交初评
operation-assign_reviewers = 分配评审专家
operation-submit_review = 评分
operation-open_ballot = 发起评审委员会表决
operation-close_ballot = 结束表决
operation-adopt_resolution = 通过奖励委员会决议
operation-record_ministry_review = 记录科技部审核
operation-approve = 记录批准
operation-write_supervision_report = 撰写监督报告
ballot-action-declare = 申报利益关系
ballot-action-vote = 投票
ballot-action-close = 结束表决
ballot-state-open = 进行中
ballot-state-closed = 已结束
certificate-status-valid = 有效
certificate-status-revoked = 已撤销
certificate-status-compromised = 以已泄露的密钥签发
objection-action-admit = 受理
objection-action-refuse = 不予受理
objection-action-request_response = 请提名者答复
objection-action-respond = 答复
objection-action-dismiss = 驳回
objection-action-uphold = 异议成立
basis-reported = 有来源报道
basis-inferred = 由累计数推算
basis-unknown = 不详
basis-none = 当年未授奖
collaboration-co_author = 合著者
collaboration-joint_project = 合作项目
collaboration-advisor = 导师
collaboration-student = 学生
collaboration-family = 亲属
revocation-action-answer_laureate = 记录获奖者的来函
revocation-action-answer_nominator = 代表提名者答复
revocation-action-decide = 提出意见
revocation-action-submit = 记录科技部意见
revocation-action-approve = 批准
invitation-status-valid = 有效
invitation-status-used = 已使用
invitation-status-expired = 已过期
cycle-ballots = 开始表决
cycle-resolution = 通过决议
cycle-ministry-review = 记录科技部审核
cycle-approval = 记录批准
flash-certificates-none-due = 本轮获奖者均已制发证书，此次未制发新证书。
autosave-failed = 未能自动保存：请点击保存，查看需要修改之处。
laureate-announcement = 本届授奖公告
decision-title = 形式审查结论
decision-outcome = 结论
decision-reason-hint = 退回修改或不予受理时必填，提名者将看到此理由。
decision-submit = 记录结论
fieldname-outcome = 结论

# 奖励办所在时区（按IANA名称）；其他时区显示IANA名称。
zone-asia-shanghai = 北京时间

# 评审专家的分配，按当前所需处理。
dashboard-reviews-none-to-do = 目前没有待办事项。
dashboard-reviews-done = 已完成、已回避或已结束
review-score-title = 评分
review-task-declare = 声明利害关系
review-task-score = 评分
review-task-submitted = 评审已提交
review-task-recused = 已回避（已声明利害关系）
review-task-closed = 初评已结束

# 评审专家提交后看到的评审。
review-submitted-at = 提交时间：{ $at }（{ $zone }）。
review-may-change-until = 初评于{ $due }（{ $zone }）结束，此前可以修改。
review-may-change = 初评结束前可以修改。
review-final = 初评已结束，此评审为最终结果。
review-change = 修改我的评审
review-resubmit = 提交修改后的评审

# 表单未通过时随页面显示的错误摘要。
error-summary-title = 请更正以下问题
error-prefix = 错误：

# 选择器：从列表中选择记录，不必输入编号。
picker-choose = 请选择…
picker-filter = 输入文字以筛选列表
picker-none = 列表中没有匹配项。
conflicts-expert = 评审专家
conflicts-nomination = 提名

# 不可撤销的步骤先确认，并说明后果。
confirm-title = 确认执行？
confirm-back = 返回评审周期
confirm-cancel = 取消
confirm-warning = 注意：
confirm-advance = 评审周期将从“{ $current }”阶段进入“{ $next }”阶段。阶段一经结束，不能重新开启。
confirm-advance-early = “{ $current }”阶段原定于{ $until }（{ $zone }）结束。现在进入“{ $next }”阶段，将提前{ $days }天结束该阶段，此后不再接收该阶段的任何材料。阶段一经结束，不能重新开启。
confirm-publish = 已受理的候选者将在公开网站上公示，接受异议。公示后不能撤回。
confirm-start-review = 已公示的候选者将提交初评，公示候选者名单随即确定。
confirm-complete-reviews = 已有评分的提名将结束初评，评审专家不能再评分或修改。
confirm-release-reviews = 评审专家将看到同一提名其他专家的评分和意见。此操作不能撤回。
confirm-resolution = 将对建议授奖的候选者作出决议，记入审计日志，不能更改。
confirm-ministry-review = 将记录科技部审核意见，不能更改。
confirm-approval = 将记录批准决定及其文号，获奖者随即载入公开名录。
confirm-certificates = 将为尚无证书的每位获奖者制发并签署证书，每份证书附验证码。

# 资料仅以汉字记载姓名的记录。
laureate-no-latin = （记录中无拉丁字母姓名）
laureate-no-latin-long = 此记录的资料仅以汉字记载姓名，记录中没有拉丁字母拼写的姓名。

# 表决事项的专家评分，供委员表决前参阅。
ballot-scores = 专家评分：{ $scores }（平均{ $mean }分，满分100分）

# 条例第十四条所列、经术语审查补充的提名者类别。
class-cmc_department = 中央军事委员会科学技术部门
class-sar_government = 香港特别行政区政府或澳门特别行政区政府

# 第二重验证（身份验证器应用、恢复码）与登录的第二步。
tfa-title = 两步登录
tfa-lead = 输入密码后，Laureate 还会要求您输入手机上身份验证器应用显示的六位验证码（任何基于时间的验证码应用均可，如 FreeOTP、Google 身份验证器或 Microsoft Authenticator）。这样，仅凭被盗的密码无法登录。
tfa-must-enrol = 您的角色参与奖励的评定或监督，须以两步登录。请现在设置身份验证器应用；设置完成前，本账户无法使用网站的其他功能。
tfa-enrolled = 您的账户已启用两步登录。
tfa-codes-left = 尚未使用的恢复码：{ $count } 个。
tfa-renew = 新的恢复码
tfa-renew-lead = 现有的恢复码将失效，并一次性显示十个新的恢复码。
tfa-renew-submit = 生成新的恢复码
tfa-remove = 关闭两步登录
tfa-remove-submit = 关闭
tfa-required-note = 您的角色必须以两步登录，因此不能关闭。如手机遗失，请使用恢复码，或请奖励办重置。
tfa-scan = 设置身份验证器应用
tfa-step-app = 打开手机上的身份验证器应用，选择添加账户。
tfa-step-scan = 用它扫描此二维码。
tfa-qr-caption = 身份验证器应用的二维码
tfa-step-type = 如无法扫描，请在应用中手动输入此密钥：
tfa-step-code = 输入应用当前显示的六位验证码。
tfa-confirm-submit = 启用两步登录
tfa-begin-submit = 设置身份验证器应用
tfa-back = 返回我的账户
tfa-enrolled-title = 两步登录已启用
tfa-renewed-title = 新的恢复码
tfa-codes-lead = 请将这些恢复码与手机分开妥善保存：打印或抄写下来。如手机遗失，每个恢复码可代替应用的验证码登录一次。
tfa-codes-once = 恢复码仅显示这一次。您可随时在账户页面生成新的恢复码。
tfa-continue = 继续
field-tfa-code = 应用中的验证码
field-tfa-code-hint = 六位数字，每 30 秒更新一次。
field-tfa-code-or-recovery = 应用中的验证码或恢复码
login-code-title = 输入验证码
login-code-lead = 密码正确。请输入身份验证器应用为 Laureate 显示的六位验证码。
login-code-hint = 手机遗失？请改为输入一个恢复码。
login-code-restart = 重新开始
flash-sign-in-expired = 登录耗时过长或已被使用，请重新登录。
flash-second-factor-removed = 两步登录已关闭。
flash-second-factor-reset = 已重置此人的两步登录，已通过邮件告知本人，其下次登录时将设置新的应用。
people-tfa-on = 已启用两步登录
people-tfa-off = 未启用两步登录
people-tfa-reset = 重置两步登录
account-tfa = 两步登录
account-tfa-link = 设置或管理两步登录
invalid-code-format = 请输入应用显示的六位数字，或一个恢复码。
invalid-code-wrong = 验证码不正确或已被使用。请等待应用显示下一个验证码后重试。
invalid-second-factor-required = 此账户须以两步登录：请提供身份验证器应用的验证码或一个恢复码。
error-second-factor-enrolled = 此账户已设置身份验证器应用。
error-second-factor-not-begun = 请先开始设置身份验证器应用。
error-second-factor-required = 您的角色必须以两步登录，因此不能关闭。如手机遗失，请奖励办重置。
error-second-factor-none = 此账户未启用两步登录，无需重置。
error-challenge-expired = 登录耗时过长或已被使用，请重新登录。
mail-second-factor-subject = { $what ->
    [passkey-added] 您的 Laureate 账户已添加通行密钥
    [passkey-removed] 您的 Laureate 账户已删除一个通行密钥
    [added] 您的 Laureate 账户已启用两步登录
    [removed] 您的 Laureate 账户已关闭两步登录
    [reset] 奖励办已重置您的 Laureate 两步登录
   *[recovery] 有人使用恢复码登录了您的 Laureate 账户
}
mail-second-factor-body = { $what ->
    [passkey-added] 您的 Laureate 账户已添加通行密钥：保存该密钥的设备无需密码即可登录。
    [passkey-removed] 您的 Laureate 账户已删除一个通行密钥：该密钥不能再用于登录。
    [added] 今后登录您的 Laureate 账户时，第二步由身份验证器应用提供。请妥善保存恢复码。
    [removed] 登录您的 Laureate 账户时，不再需要身份验证器应用提供第二步。
    [reset] 奖励办已重置您 Laureate 账户的两步登录，该账户的全部登录均已结束。如您的角色需要，下次登录时将设置新的身份验证器应用。
   *[recovery] 有人使用恢复码登录了您的 Laureate 账户，尚余 { $left } 个未使用的恢复码。
}

    如非本人操作，请立即告知奖励办。您的设置：{ $account }
error-second-factor-reset-self = 您不能重置自己的两步登录：请用恢复码登录并生成新的恢复码，或请另一个奖励办账户重置。
fieldname-code = 验证码
error-code-checks = 此账户在过去一小时内核对验证码的次数过多，请一小时后再试。
error-check-again = 要{ $act }，请再次输入密码：距上次验证已超过十分钟。
recheck-title = 确认是您本人
recheck-lead = 要{ $act }，请再次输入您的密码。距您上次输入密码超过十分钟时，此类操作前须再次确认。
recheck-submit = 确认并继续
recheck-cancel = 取消并返回
fieldname-recheck_password = 您的密码
recheck-act-any = 继续
recheck-act-open-ballot = 开始表决
recheck-act-close-ballot = 结束表决
recheck-act-adopt-resolution = 通过决议
recheck-act-approve = 记录批准决定
recheck-act-issue-certificates = 颁发证书
recheck-act-decide-revocation = 作出撤销决定
recheck-act-change-role = 更改角色
recheck-act-change-access = 停用或重新启用账户
recheck-act-reset-second-factor = 重置两步登录
recheck-act-remove-passkey = 删除通行密钥
entity-passkey = 通行密钥
passkeys-title = 通行密钥
passkeys-lead = 通行密钥无需密码即可登录：由您的手机或电脑保存，使用时验证设备的 PIN、指纹或面容。它同时可作为两步登录的第二步。
passkey-name = 名称
passkey-name-hint = 便于区分您的各个通行密钥，例如“我的笔记本电脑”。
passkey-added = 添加时间
passkey-last-used = 最近使用
passkey-never-used = 尚未使用
passkey-remove = 删除
passkey-add = 添加通行密钥
passkey-unsupported = 此浏览器不支持通行密钥。
passkey-browser-failed = 未使用通行密钥：浏览器或设备已中止操作。请重试，或改用其他方式。
passkey-sign-in-lead = 也可以不输入密码，使用本设备或手机上的通行密钥登录。
passkey-sign-in = 使用通行密钥登录
flash-passkey-added = 通行密钥已添加，现在即可用它登录。
flash-passkey-removed = 通行密钥已删除。
error-passkey-failed = 该通行密钥未能登录。请重试，或使用密码登录。
error-passkey-ceremony = 通行密钥操作超时或已使用过，请重试。
error-passkey-ceremonies = 过去一分钟内从此处发起的通行密钥登录过多，请稍候一分钟再试。
error-passkeys-need-domain = 通行密钥要求网站以域名（而非 IP 地址）提供服务。
error-passkeys-too-many = 此账户已有十个通行密钥，已达上限。请先删除一个。
invalid-passkey-unreadable = 无法读取浏览器的应答，请重新添加通行密钥。
invalid-passkey-refused = 通行密钥未被接受，请重新添加。
fieldname-credential = 通行密钥
fieldname-ceremony = 通行密钥步骤
recheck-or-passkey = 也可以用通行密钥代替密码确认。
recheck-passkey = 使用通行密钥确认
mail-nomination-subject = { $action ->
    [submit] 已收到：您对{ $candidate }的提名
    [accept] 已受理：您对{ $candidate }的提名
    [return] 退回修改：您对{ $candidate }的提名
    [reject] 不予受理：您对{ $candidate }的提名
    [publish] 受理项目公示：{ $candidate }
    [send_back] 因异议退回：您对{ $candidate }的提名
    [exclude] 因异议取消参评资格：您对{ $candidate }的提名
   *[withdraw] 已撤回：您对{ $candidate }的提名
}
mail-nomination-body = { $action ->
    [submit] 奖励办已收到您对{ $candidate }的提名，下一步将进行形式审查，审查结果将另行通知。
    [accept] 您对{ $candidate }的提名已通过形式审查，予以受理。
    [return] 奖励办已将您对{ $candidate }的提名退回修改。请在提名截止日期前修改并重新提交。退回理由：

    { $reason }
    [reject] 奖励办对您对{ $candidate }的提名不予受理。理由：

    { $reason }
    [publish] 受理的候选者（包括{ $candidate }）已公示，接受异议。如有涉及您所提名候选者的异议，将另行通知。
    [send_back] 因异议成立，您对{ $candidate }的提名已退回。理由：

    { $reason }
    [exclude] 因异议成立，您对{ $candidate }的提名取消本轮参评资格。理由：

    { $reason }
   *[withdraw] 您对{ $candidate }的提名已撤回。所述理由：

    { $reason }
}

    提名详情：{ $link }
recheck-act-add-second-factor = 为登录添加第二步验证
recheck-act-compromise-key = 将签名密钥标记为已泄露
mail-review-request-subject = 请评审对{ $candidate }的提名
mail-review-request-body = 奖励办请您评审对{ $candidate }的提名。请先声明您与候选者是否存在利益冲突；如无利益冲突，请按评分标准对提名评分。如您无法评审，可在同一页面说明理由并谢绝，奖励办将另请专家。

    提名详情：{ $link }
mail-ballot-open-subject = 委员会表决已开始，请投票
mail-ballot-open-body = { $deadline ->
    [no] 评审委员会已就{ $items }名候选者开始表决。请先声明有无利益冲突，再逐项投票。
   *[other] 评审委员会已就{ $items }名候选者开始表决，截止时间为{ $closes }。请先声明有无利益冲突，并在截止前逐项投票。
}

    我的工作：{ $link }
mail-certificate-issued-subject = { $candidate }的证书已颁发
mail-certificate-issued-body = 您提名的{ $candidate }的获奖证书已颁发，证书编号为{ $number }。任何人均可通过下方地址或证书上的验证码核验其真伪。

    核验地址：{ $link }

## 计划日程、延期、提醒与日历订阅。
invalid-no-rule-set = 本奖项没有适用于该年度的规则。
invalid-rounds-too-close = 按该年度的规则，评审间隔更长：{ $detail }年度已有一次评审，间隔不足（括号内为评审间隔年数）。
invalid-phase-too-short = 前一阶段过短：至少应持续{ $detail }天。
invalid-cycle-too-long = 自提名开始起，本轮评审须在{ $detail }天内结束。
invalid-phase-begun = 该阶段已经开始，开始时间不能再改。
invalid-not-in-future = 请输入将来的时间。如需立即开始下一阶段，请使用“开始下一阶段”。
invalid-phase-out-of-order = 各阶段须依次进行：该阶段不能早于前一阶段开始。
invalid-not-after-deadline = 请输入晚于原截止时间的将来时间。
invalid-extension-past-phase = 延期须在下下个阶段开始前结束。
invalid-not-an-assigned-expert = 请选择本轮已分配评审任务的评审专家。
error-extension-too-late = { $phase }阶段已经结束，其截止时间不能再延长。
extension-nomination = 提名截止时间
extension-review = 评审截止时间
undone-formal-review = 尚有{ $count }份提名材料待形式审查。
undone-objections = 尚有{ $count }件异议未处理完毕。
undone-reviews = 尚有{ $count }项初评中的提名没有评分。
undone-ballots = 评审委员会仍有一次表决未结束。
mail-phase-undone-subject = { $phase }阶段已开始，尚有工作未完成
mail-phase-undone-body = { $phase }阶段已经开始，前一阶段尚有工作未完成：

    { $undone }

    本轮评审：{ $link }
mail-deadline-extended-subject = 您的截止时间已延长
mail-deadline-extended-body = 奖励办公室已将您在{ $cycle }中的{ $kind ->
    [nomination] 提名提交截止时间
   *[other] 评审提交截止时间
    }延长至{ $until }。

    理由：{ $reason }
mail-draft-reminder-subject = 距{ $candidate }的提名截止还有{ $days }天
mail-draft-reminder-body = 您对{ $candidate }的提名仍为草稿。提名将于{ $closes }截止，届时未提交的草稿不予受理。

    提名：{ $link }
mail-phase-ending-subject = { $phase }阶段将于{ $ends }结束
mail-phase-ending-body = { $phase }阶段将于{ $ends }结束，{ $next }阶段届时自动开始。如计划有变，请在本轮评审页面调整日期。

    本轮评审：{ $link }
mail-ballot-closing-subject = 表决即将结束，您尚未投完票
mail-ballot-closing-body = 评审委员会的一次表决将于{ $closes }结束，您尚未对所有可投票的候选者投票。

    我的工作：{ $link }
calendar-public-name = 中华人民共和国国际科学技术合作奖：公开日程
calendar-own-name = { $name }的评审日程
calendar-ceremony = 颁奖仪式：{ $place }
calendar-extended = { $what }（已为您延期）
calendar-ballot-closes = 表决结束：{ $cycle }
calendar-objection-response = 异议答复截止
calendar-phase = { $phase }：{ $cycle }
calendar-unplanned = 未计划
calendar-title = 日历
calendar-lead = 可在任何日历程序（Outlook、苹果日历、谷歌日历、Thunderbird）中订阅：显示与您有关的日期，日期变化时随之更新。
calendar-made = 您的日历地址
calendar-address = 订阅地址
calendar-address-hint = 请现在复制：该地址只显示这一次。任何持有该地址的人都能看到您的日程。
calendar-exists = 您已于{ $made }生成日历地址。
calendar-none = 您尚未生成日历地址。
calendar-reset-warning = 生成新地址后旧地址即失效，已订阅的日历需改用新地址。
calendar-reset = 生成新地址
calendar-make = 生成日历地址
calendar-public = 本奖项的公开日程
calendar-public-lead = 提名期、异议期和颁奖仪式，任何人均可订阅。
account-calendar-link = 在日历程序中订阅您的日程
calendar-moves-itself = 各阶段到期自动开始。
calendar-edit = 调整日期
calendar-edit-lead = 时间为{ $zone }。已开始的阶段不能调整。
calendar-begun = 已开始
calendar-save = 保存日期
extensions-title = 截止时间延期
extensions-lead = 为某一提名者或某位评审专家延长时间，并注明理由；系统将以邮件通知对方。
extensions-kind = 截止事项
extensions-for = 对象
field-until = 延至
field-body = 提名者
field-expert = 评审专家
extensions-body = 延长提名者的截止时间
extensions-expert = 延长评审专家的截止时间
extensions-submit = 延长截止时间
flash-calendar-saved = 日期已保存。
flash-deadline-extended = 截止时间已延长，并已通知对方。
jobs-title = 定时任务
jobs-lead = 服务器自动完成的工作：各阶段按期开始、表决到期结束、发送提醒。任务失败后会在下次运行时重试。
jobs-none = 尚无任务运行。
jobs-name = 任务
jobs-last-run = 最近运行
jobs-last-ok = 最近成功
jobs-error = 错误
jobs-failures = 已连续失败{ $count }次：
mail-objection-receipt-subject = 异议已收到：{ $receipt }
mail-objection-receipt-body = 您对{ $candidate }提名提出的异议已收到，回执编号为{ $receipt }。请妥善保存，以便查询异议处理情况（依照条例第二十条处理）。

    处理进展：{ $link }
mail-objection-received-subject = 收到新的异议：{ $candidate }
mail-objection-received-body = 有人对{ $candidate }的提名提出异议（回执{ $receipt }），请决定是否受理。

    异议：{ $link }
mail-objection-response-request-subject = 请就异议作出答复：{ $candidate }
mail-objection-response-request-body = 有人对您提名的{ $candidate }提出异议。奖励办公室请您于{ $due }前答复：

    { $request }

    答复地址：{ $link }
mail-objection-response-reminder-subject = 异议答复将于{ $due }到期
mail-objection-response-reminder-body = 您对{ $candidate }提名异议的答复将于{ $due }到期。

    答复地址：{ $link }
mail-objection-answered-subject = 提名者已就异议作出答复：{ $candidate }
mail-objection-answered-body = { $candidate }的提名者已就异议{ $receipt }作出答复，请作出处理决定。

    异议：{ $link }
mail-objection-reply-subject = 对您的异议{ $receipt }的答复
mail-objection-reply-body = { $outcome ->
    [refuse] 您的异议{ $receipt }不予受理。
    [dismiss] 您的异议{ $receipt }经核查不成立。
   *[other] 您的异议{ $receipt }经核查成立。
}奖励办公室答复如下：

    { $answer }

    处理进展：{ $link }
mail-objection-decided-subject = 对您提名的{ $candidate }的异议已有处理结论
mail-objection-decided-body = { $outcome ->
    [dismiss] 对您提名的{ $candidate }的异议经核查不成立。
   *[other] 对您提名的{ $candidate }的异议经核查成立。
}奖励办公室答复如下：

    { $answer }

    异议：{ $link }
mail-review-reminder-subject = 您有一份评审待完成：{ $candidate }
mail-review-reminder-body = 您对{ $candidate }提名的评审尚未完成。初评将于{ $due }结束。

    提名：{ $link }
mail-revocation-notice-subject = 撤销奖励通知：{ $candidate }（{ $year }年度）
mail-revocation-notice-body = 奖励办公室已以“{ $ground }”为由，对{ $candidate }（{ $year }年度）的奖励启动撤销程序（条例第三十条）。作为提名者，您可于{ $respond }前作出答复。

    案件：{ $link }
mail-revocation-approved-subject = 奖励已撤销：{ $candidate }（{ $year }年度）
mail-revocation-approved-body = { $candidate }（{ $year }年度）的奖励已依{ $document }撤销，依照条例第三十条追回奖章和证书。
mail-login-guessing-subject = 您的账户多次登录失败
mail-login-guessing-body = 有人多次使用错误的密码尝试登录您的账户（{ $email }）。来自该地址的登录现已放缓，您常用的浏览器不受影响。如果不是您本人，无需采取行动，但请使用一个未在别处使用过的强密码。
review-declined = 已谢绝评审
error-review-declined = 该评审专家已谢绝评审此提名，请另请专家。
error-review-submitted = 您的评审已提交，不能再谢绝。
decline-title = 谢绝评审
decline-lead = 如您因利害关系以外的原因无法评审此提名（利害关系请在上方声明），请谢绝，奖励办将另请专家。
decline-submit = 谢绝评审
declines-title = 已谢绝的评审邀请
declines-lead = 谢绝评审的专家及其理由。相关提名需另请专家；不会再次分配给同一专家。
declines-when = 谢绝时间
flash-review-declined = 您已谢绝评审，奖励办公室已收到通知。
mail-review-declined-subject = 有评审专家谢绝评审{ $candidate }
mail-review-declined-body = { $expert }谢绝评审{ $candidate }的提名，理由如下：

    { $reason }

    请另行分配专家：{ $link }
mail-results-subject = { $year }年度评审结果：{ $candidate }
mail-results-body = { $outcome ->
    [awarded] 批准机关已批准授予您提名的{ $candidate }本奖项。颁奖事宜另行通知。
   *[other] { $year }年度评审结果已经确定，您提名的{ $candidate }未获奖。感谢您的提名。
}

    公告：{ $link }
invitation-reply-attending = 出席
invitation-reply-represented = 委托他人代为领奖
invitation-reply-not_attending = 不出席
ceremony-invite-no-reply = 尚未答复
ceremony-invites-title = 邀请
ceremony-invites-none = 尚未邀请任何人。
ceremony-invites-invite = 邀请
flash-laureate-invited = 已邀请该获奖者，并已通知其提名者。
ceremony-invite-title = 颁奖仪式邀请
ceremony-invite-lead = 邀请{ $laureate }出席{ $date }在{ $place }举行的颁奖仪式。请代为答复。
ceremony-invite-question = 获奖者是否出席？
ceremony-invite-submit = 提交答复
flash-reply-recorded = 答复已记录，并已通知奖励办公室。
error-ceremony-past = 该颁奖仪式已经举行。
error-no-nominating-body = 该获奖者并非经本系统提名，没有可转达邀请的提名者。
error-already-invited = 该获奖者已受邀出席本次颁奖仪式。
mail-ceremony-invitation-subject = { $candidate }颁奖仪式邀请
mail-ceremony-invitation-body = 您提名的{ $candidate }受邀出席{ $date }在{ $place }举行的颁奖仪式。请告知奖励办公室获奖者是出席、委托他人代为领奖，还是不出席。

    答复地址：{ $link }
mail-ceremony-reply-subject = 颁奖仪式邀请答复：{ $candidate }
mail-ceremony-reply-body = 关于{ $date }的颁奖仪式，{ $candidate }的提名者答复：{ $reply }。

    颁奖仪式：{ $link }
extensions-none = 本轮评审尚无截止时间延期。
extensions-closed = 当前阶段不能延长截止时间：提名者的截止时间可延至形式审查结束前，评审专家的可延至评审委员会评审阶段结束前。
fieldname-until = 延至
fieldname-reply = 答复
fieldname-user_id = 评审专家
fieldname-start_nomination = 提名开始时间
fieldname-start_formal_review = 形式审查开始时间
fieldname-start_objection = 受理公示开始时间
fieldname-start_review = 初评开始时间
fieldname-start_committee = 评审委员会评审开始时间
fieldname-start_approval = 批准阶段开始时间
fieldname-start_ceremony = 颁奖阶段开始时间
fieldname-start_closed = 本轮评审结束时间
held-title = 暂存的决定
held-lead = 该决定已记录但尚未生效：在奖励办统一发布本周期暂存的决定或异议期开始之前，材料仍为已提交状态，提名者不会收到通知。
held-at = 暂存时间
held-discard = 撤销暂存的决定
held-to-queue = 本周期全部暂存的决定
decision-hold = 暂存，与其他决定一并发布
decision-hold-hint = 也可暂存该决定：在从形式审查队列统一发布暂存的决定或异议期开始之前，材料状态不变，也不通知任何人。
flash-held = 决定已暂存，将在统一发布时生效并通知。
flash-held-discarded = 暂存的决定已撤销，未生效，也未通知任何人。
flash-released = 暂存的决定已发布：各项材料已流转，各提名者均已收到通知。
held-list-title = 暂存的决定 { $count } 项
held-release-warning = 发布将一并执行全部 { $count } 项暂存的决定并通知各提名者，且无法撤回。
held-release = 发布 { $count } 项决定
entity-notice = 通知
invalid-template-refused = 该模板无法使用：{ $detail }。
fieldname-subject = 主题
fieldname-text = 正文
fieldname-subject_en = 主题（英文）
fieldname-text_en = 正文（英文）
fieldname-subject_zh = 主题（中文）
fieldname-text_zh = 正文（中文）
notices-title = 通知措辞
notices-lead = 系统发送的全部通知，均有中英文两种文本。奖励办未自拟措辞的，使用标准措辞；修改只影响此后的通知，已排队的邮件不受影响。
notices-notice = 通知
notices-fields = 可用字段
notices-wording = 措辞
notices-own-en = 自拟英文措辞
notices-own-zh = 自拟中文措辞
notices-standard = 标准
notice-lead = 使用下列字段撰写主题和正文，格式为 {"{{"} 字段 {"}}"}；条件写作 {"{%"} if 字段 == "值" {"%}"} … {"{%"} else {"%}"} … {"{%"} endif {"%}"}。无法生成、引用其他字段或缺少读者办理所需链接的模板，在保存时即被拒绝。某一语言留空则使用该语言的标准措辞。
notice-in-en = 英文
notice-in-zh = 中文
notice-own = 自拟措辞
notice-preview = 预览
notice-preview-real = 依据最近一封已发送的同类通知生成。
notice-preview-sample = 尚未发送过此类通知：各字段显示其名称。
notice-save = 保存
notice-preview-button = 预览
notice-test = 给我发送测试邮件
notice-standard = 恢复标准措辞
notice-test-sent = 两种语言的测试邮件已发送至 { $email }。
notice-test-subject = 【测试】{ $subject }
flash-notice-saved = 措辞已保存，此后的同类通知将使用该措辞。
flash-notice-standard = 该通知已恢复使用标准措辞。
outbox-notices = 通知措辞
audience-roster = 名册上的全部提名者
audience-experts = 全部专家
audience-committee = 某一委员会的在任委员
audience-laureates = 某一年度的获奖者（经其提名者）
audience-nominators = 某一周期的提名者
delivery-queued = 排队中
delivery-sent = 已发送
delivery-retrying = 被拒收，将重试
delivery-given_up = 已放弃
fieldname-audience = 收件对象
fieldname-committee = 委员会
fieldname-year = 奖励年度
fieldname-cycle_id = 评审周期
fieldname-per_minute = 每分钟发送数
invalid-per-minute-range = 请填写 1 至 600 之间的数字。
invalid-audience-empty = 该收件对象中没有任何人。
invalid-audience-too-large = 该收件对象人数超出单条消息的上限。
outbox-messages = 群发消息
messages-title = 群发消息
messages-lead = 奖励办向名册、专家、委员会、某一年度获奖者或某一周期提名者发送的消息，以及每份副本的投递情况。
messages-none = 尚未发送任何消息。
messages-sent-at = 发送时间
messages-recipients = 收件人数
messages-delivery = 投递情况
messages-copies = 副本及其投递情况
messages-when = 发送时间或下次尝试
message-new-title = 撰写消息
message-new-lead = 选择收件对象，用中英文撰写消息（某一语言留空的，其读者收到另一语言版本），发送前先预览。每位收件人按其语言接收。
message-committee-hint = 仅用于委员会委员。
message-year-hint = 仅用于某一年度的获奖者。
message-cycle-hint = 仅用于某一周期的提名者。
message-fields = 可用字段
message-rate-hint = 副本按此速度发出（每分钟 1 至 600 封），以便邮件中继和收件方邮件服务接收。
message-preview = 预览
message-preview-title = 将发送给 { $count } 位收件人
message-preview-to = { $email } 将看到：
message-preview-nobody = 该收件对象中没有任何人，无可发送。
message-send = 发送给 { $count } 位收件人
flash-message-sent = 消息已排队，副本将按所选速度发出。
notice-name-email-confirm = 确认新邮箱
notice-name-email-change-asked = 邮箱变更申请（发往原邮箱）
notice-name-email-changed = 邮箱已变更
notice-name-invitation = 账户邀请
notice-name-reset = 重置密码链接
notice-name-password-changed = 密码已修改
notice-name-new-device = 新设备登录
notice-name-second-factor = 第二重验证已变更
notice-name-nomination = 提名进展（收件、退回、受理、不予受理、公示等）
notice-name-review-request = 评审邀请
notice-name-ballot-open = 投票开始
notice-name-certificate-issued = 证书已签发
notice-name-phase-undone = 阶段开始时仍有未完成事项（奖励办）
notice-name-deadline-extended = 截止时间已延长
notice-name-draft-reminder = 未提交草稿提醒
notice-name-phase-ending = 阶段即将结束（奖励办）
notice-name-ballot-closing = 投票即将截止
notice-name-objection-receipt = 异议已收到（异议人）
notice-name-objection-received = 收到异议（奖励办）
notice-name-objection-response-request = 请答复异议
notice-name-objection-response-reminder = 异议答复即将到期
notice-name-objection-answered = 异议已答复（奖励办）
notice-name-objection-reply = 异议处理结果（异议人）
notice-name-objection-decided = 异议已处理（提名者）
notice-name-review-reminder = 评审即将到期
notice-name-revocation-notice = 撤销程序已启动
notice-name-revocation-approved = 奖励已撤销
notice-name-login-guessing = 有人尝试猜测密码
notice-name-review-declined = 专家谢绝评审（奖励办）
notice-name-results = 本轮评审结果
notice-name-ceremony-invitation = 颁奖仪式邀请
notice-name-ceremony-reply = 颁奖仪式回复（奖励办）

# 奖励委员会表决及其后对每位候选者的决定
decision-stage-ministry = 科技部审核
decision-stage-approval = 批准
decision-outcome-approved = 通过
decision-outcome-returned = 退回奖励委员会
decision-outcome-refused = 不予批准
error-not-recommended = 提名 { $id } 不是等待奖励委员会表决的建议授奖候选者。
error-awards-vote-needed = 奖励委员会尚未表决：请先对建议授奖的候选者发起并结束奖励委员会表决，再通过决议。
error-nothing-to-decide = 没有等待此项决定的候选者，或未对任何候选者作出决定：请至少对一位候选者作出决定。
invalid-decision-not-awaiting = 提名 { $detail } 不在等待此项决定之列。
invalid-decision-reasons-required = 请说明退回或不予批准“{ $detail }”的理由。
invalid-in-the-future = 不得晚于今天。
fieldname-decisions = 对候选者的决定
fieldname-decided_on = 决定日期
rules-awards-vote = 奖励委员会表决
rules-awards-vote-more-than = 须有 { $quorum } 的委员参加表决；候选者须获得超过参加表决票数 { $threshold } 的赞成票（本系统默认值：公开资料未载明全国统一标准）
rules-awards-vote-reaching = 须有 { $quorum } 的委员参加表决；候选者须获得不少于参加表决票数 { $threshold } 的赞成票
ballot-committee = 表决委员会
decide-legend = 各候选者
decide-hint = 请对每位候选者作出决定；退回或不予批准须说明理由。暂缓决定的候选者继续等待，其他候选者即时决定。
decide-outcome = 决定
decide-reasons = 理由
decide-date = 决定日期
decide-date-hint = 留空即为今天。
decide-later = 暂缓决定
decide-ministry-approved = 审核通过，报批
decide-ministry-returned = 退回奖励委员会
decide-ministry-refused = 不予通过
decide-approval-approved = 批准
decide-approval-returned = 退回奖励委员会
decide-approval-refused = 不予批准
decide-tally = 奖励委员会：赞成 { $yes } 票，反对 { $no } 票，弃权 { $abstain } 票，回避 { $recused } 人
decide-history = { $stage }（{ $on }）：{ $outcome }。{ $reasons }
ministry-title = 科技部审核
ministry-lead = 国家科学技术奖励委员会表决通过的候选者。请在{ $body }决定前逐一记录科技部的审核结果。
ministry-document = 科技部文号（如有）
approval-none = 暂无等待批准机关决定的候选者。
resolution-after-vote = 奖励委员会表决结束后即可通过决议。

# 监督记录
oversight-title = 监督记录
oversight-lead = 系统中的每一项操作，均按审计日志记录：可按操作人、操作、所涉记录和日期检索。涉及您无权查阅的已封存周期的条目，保留其位置但不显示内容。
oversight-actor-hint = 电子邮件地址，或 user:7、cli、system。
oversight-action-hint = 具体操作如 ballot.close，或一类操作如 ballot。
oversight-any = 不限
oversight-search = 检索
oversight-clear = 清除检索条件
oversight-export = 下载 CSV
oversight-found = 共找到 { $count } 条
oversight-none = 没有符合条件的条目。
oversight-details = 详情
oversight-details-show = 显示
oversight-history = 在监督记录中查看历史
fieldname-actor = 操作人
fieldname-since = 起始日期
fieldname-subject_type = 记录类别
fieldname-subject_id = 记录编号
invalid-no-such-account = 没有使用 { $detail } 的账户。
error-audit-export-too-large = 检索结果共 { $count } 条，一次导出最多 { $max } 条。请缩小检索范围（日期、操作或记录）。
audit-subject-nomination = 提名
audit-subject-review = 初评意见
audit-subject-ballot = 表决
audit-subject-objection = 异议
audit-subject-cycle = 评审周期
audit-subject-archive_request = 档案查阅申请
audit-subject-body = 提名者
audit-subject-ceremony = 颁奖仪式
audit-subject-committee_term = 委员任期
audit-subject-expert = 专家
audit-subject-integrity_listing = 科研诚信记录
audit-subject-invitation = 邀请
audit-subject-laureate = 获奖者
audit-subject-bulk_message = 群发消息
audit-subject-message = 消息
audit-subject-notice = 通知措辞
audit-subject-registry = 获奖名录
audit-subject-revocation = 撤销奖励
audit-subject-sealed_cycle = 封存的评审周期
audit-subject-signing_key = 签名密钥
audit-subject-system = 系统
audit-subject-user = 账户

# 未获奖提名转入下一周期
carry-over-title = 转入下一周期
carry-over-lead = 本提名未获奖。按本奖规则可转入下一周期：以相同材料生成 { $year } 年度周期的草稿，并与本提名关联，本提名保留其全部记录。请为草稿重新上传证明材料，核对后按常规提交。
carry-over-submit = 转入 { $year } 年度
carried-from = 由往期提名转入
carried-to = 已转入后续周期的提名
flash-carried-over = 提名已转入：这是其在新周期的草稿。
error-carry-over-not-allowed = 本周期的规则不允许提名转入下一周期。
error-carry-over-state = 只有未获奖的提名可以转入；本提名状态为{ $state }。
error-carried-already = 本提名已转入（提名 { $id }）。
error-no-cycle-to-carry-to = 目前没有接受提名的后续周期：待下一周期开放后即可转入。
error-carry-over-too-early = 本轮结果尚未公布：周期批准记录后方可转入。

# 委员会会议与会议纪要
entity-meeting = 会议
error-meeting-no-quorum = 出席委员 { $present } 人，共 { $members } 人：未达到会人数要求的会议不作决定，不能关联表决。
error-minutes-approved = 主任委员已批准本纪要，不能再修改。
error-minutes-empty = 请先撰写会议纪要，再由主任委员批准。
error-not-the-chair = 只有现任主任委员可以批准会议纪要。
invalid-not-a-member = 不是当日在任的委员：{ $detail }。
invalid-not-this-committee = 不是本委员会在本周期已结束的表决：{ $detail }。
fieldname-place = 地点
fieldname-agenda = 议程
fieldname-minutes = 会议纪要
fieldname-ballots = 会议决定的表决
meetings-title = 委员会会议
meetings-lead = 本周期评审委员会和奖励委员会的每次会议：出席情况（按到会人数要求核对）、议程、会议决定的表决以及经主任委员批准的会议纪要。
meetings-none = 尚未记录会议。
meetings-record = 记录会议
meetings-attendance-hint = 每行一个电子邮件地址：出席的委员。
meetings-ballots-hint = 会议决定的已结束表决。
meetings-submit = 记录会议
meeting-title = { $committee }：{ $day } 会议
meeting-quorate = 符合到会人数要求：出席 { $present } 人，共 { $members } 人。
meeting-not-quorate = 未达到会人数要求：出席 { $present } 人，共 { $members } 人；会议未作决定。
meeting-minutes-approved = 主任委员已于 { $at } 批准会议纪要。
meeting-minutes-pending = 会议纪要待主任委员批准。
meeting-minutes-save = 保存会议纪要
meeting-minutes-approve = 批准会议纪要
flash-meeting-recorded = 会议已记录。
flash-minutes-saved = 会议纪要已保存。
flash-minutes-approved = 会议纪要已批准。
audit-subject-meeting = 委员会会议

# 依法开启档案：研究人员的查阅许可有范围和期限；奖励办依法定事由开启封存记录。
archive-scope-dossiers = 提名及提名材料
archive-scope-reviews = 初评意见及利益冲突声明
archive-scope-objections = 异议及其处理
archive-scope-deliberations = 投票、会议、决定及监督报告
archive-scope-history = 该评审周期的审计记录
legal-basis-revocation_case = 撤销奖励案件（条例第三十条）
legal-basis-audit = 审计或检查
legal-basis-judicial = 法院、检察院或监察委员会的要求
fieldname-scope = 记录范围
fieldname-basis = 法定事由
fieldname-reference = 文号
fieldname-expires_on = 查阅截止日
invalid-expiry-range = 请选择今天之后、{ $detail }天以内的日期。
invalid-beyond-request = 批准范围不能超出申请的记录。
archive-apply-for = 申请查阅{ $year }年度记录
archive-scope-hint = 只申请研究所需的记录；奖励办可以批准较少的范围。
archive-grant-until = 查阅期限至{ $at }
archive-grant-expiry-hint = 不填则为一年；最长三年。
archive-openings = 封存记录的开启
archive-openings-lead = 奖励办只有在记录法定事由后，才可在限定期间内查阅已封存评审周期的记录。每次开启及期间查阅的每项记录均载入审计记录，由监督委员会查看。
archive-openings-none = 尚无封存记录被开启。
archive-opened-by = { $name }于{ $at }开启
archive-opening-until = 开启至{ $at }
archive-opening-ended = 已于{ $at }结束
archive-opening-expired = 已于{ $at }到期
archive-opening-history = 查阅记录
archive-opening-end = 立即结束
archive-open-title = 开启封存记录
archive-open-hint = 记录法定事由及文号（撤销案件编号、审计文号）；开启期限至所选日期，最长90天。
archive-open-cycle = { $year }年度
archive-reference-hint = 例如撤销案件编号或审计文号。
archive-opening-expiry-hint = 不填则为30天；最长90天。
archive-open-submit = 开启记录
flash-archive-opened = 该评审周期的记录已向奖励办开启，每次查阅均予记录。
flash-archive-opening-ended = 开启已结束，该评审周期的记录重新封存。
error-opening-ended = 该开启已经结束。
audit-subject-archive_opening = 档案开启

# 报送科技部材料。
package-title = 报送科技部材料
package-lead = 国家科学技术奖励委员会作出决议后：建议授奖的候选者、专家评分、两个委员会的投票结果、异议及处理结果、监督委员会报告和决议，以奖励办的密钥签名。每次下载均载入审计记录。
package-pdf = 下载阅读版（PDF）
package-csv = 下载系统版（CSV）
package-json = 下载签名数据（JSON）
package-verify-hint = 任何人都可以用公布的公钥离线验证：laureate package verify 文件 --public-key 公钥。CSV 文件与签名的 JSON 或 PDF 一起验证（--csv 文件）。
error-package-no-resolution = 国家科学技术奖励委员会尚未就该评审周期作出决议；材料在决议之后报送。

# 委员会议材料。
book-state-queued = 排队中
book-state-rendering = 制作中
book-state-ready = 已就绪
book-state-failed = 制作失败
entity-book = 会议材料
audit-subject-dossier_book = 会议材料
invalid-no-members = 该委员会今天没有在任委员。
error-book-not-ready = 该副本尚未就绪（{ $state }），请稍后再试。
books-title = 委员会议材料
books-lead = 会议前为每位在任委员制作一份会议材料：议程、每位候选者的中英文提名材料摘要、该委员可查阅的专家评分和异议，以及委员会可查阅的监督委员会报告。每页印有委员姓名和副本编号，每次下载均予记录。
books-prepare = 制作委员会议材料
books-agenda-hint = 印在每份材料的首页。
books-set = { $committee }会议材料，制作于{ $at }
books-progress = 已就绪{ $ready }份，共{ $total }份
books-failed = { $failed }份制作失败，请重新制作。
books-refresh = 刷新查看进度
books-copy = 副本 { $copy }
books-download = 下载（PDF，{ $pages }页）
books-none = 尚未制作会议材料。
flash-books-queued = 正在为每位委员制作会议材料，本页显示进度。

## 奖项：五项国家科学技术奖
nav-programs = 奖种
programs-title = 国家科学技术奖
programs-lead = 奖励办依同一条例组织的五项国家科学技术奖，各有其规则：授奖对象、每次授奖数量、等级及获奖者所获。所列为现行规则。
programs-kinds = 授奖对象
programs-prize = 奖金
programs-prize-to = 奖金归属
programs-shared = { $programs }每次授奖总数不超过{ $count }项。
programs-grades = 等级
programs-grade = 等级
programs-limit = 每次授奖限额
programs-rules-link = 规则集及其出处
programs-laureates-link = 获奖者
grade-limit-count = 不超过{ $count }项
grade-limit-share = 不超过该奖种授奖项目的{ $percent }%
grade-limit-none = 在每次授奖总数之内
money-yuan = { $amount }元
conferred-prize-money = 奖金
prize-none = 不颁发奖金
money-to-laureate = 归获奖者个人所有
money-to-completers = 归项目完成人
kind-project = 项目
entity-program = 奖项
fieldname-grade = 提名等级
fieldname-program = 奖项
invalid-unknown-program = 请选择奖励办组织的奖项之一。
invalid-unknown-grade = 请选择本奖项的等级之一：{ $detail }。
invalid-ungraded-award = 本奖项不分等级，请勿填写等级。
nomination-form-project = 提名书（候选项目）
nomination-new-project = 提名候选项目
field-project-title-en = 项目名称（英文）
field-project-title-zh = 项目名称（中文）
field-project-country-code = 项目所属国家（两位字母代码，如 CN）
field-grade-hint = 提名者建议的等级；授奖等级由评审委员会决定。
filter-program = 奖项
col-prize = 奖项
eligibility-nationality = 候选人具有本奖项要求的国籍（国家最高科学技术奖授予中国公民）
criterion-frontier-breakthrough = 在科学技术前沿取得重大突破
criterion-lasting-contribution = 在科学技术发展中有卓越建树
criterion-benefit-to-society = 经济效益和社会效益
criterion-originality = 发现的原创性
criterion-significance = 科学意义
criterion-recognition = 同行认可
criterion-novelty = 发明的新颖性
criterion-technical-advance = 技术先进性
criterion-innovation = 创新性
error-grade-quota = 此项操作将使{ $grade }达到{ $count }项，规则集规定最多{ $max }项。
error-grade-share = 此项操作将使{ $grade }达到授奖总数{ $total }项中的{ $count }项，规则集规定不超过该奖种授奖项目的{ $percent }%。
error-shared-quota = 此项操作将使本授奖年度共享限额的各奖种授奖总数达{ $count }项，合计最多{ $max }项。
error-grade-not-in-rules = “{ $grade }”不是本奖项规则集中的等级。
field-completers = 完成人（按贡献大小排序）
field-completers-hint = 填写每位完成人的姓名、国籍（两位字母代码）和工作单位。外籍完成人须受聘于中国境内法人，请填写聘用单位。
field-organizations = 完成单位（按贡献大小排序）
field-organizations-hint = 填写每个完成单位的名称和所在国家（两位字母代码）。
field-nationality = 国籍
field-employer-in-china = 境内聘用单位
fieldname-completers = 完成人
fieldname-organizations = 完成单位
invalid-not-a-project = 只有候选项目填写完成人和完成单位。
eligibility-completers = 项目列明完成人，且每位完成人为中国公民或受聘于中国境内法人
field-institution = 工作单位

## 学科评审组（条例第十九条）
committee-discipline = 学科评审组
fieldname-discipline_group = 学科评审组
invalid-not-a-discipline-group = 只有设学科评审组的奖种，且只有学科评审组的任期和表决，才填写学科评审组。
invalid-not-of-the-program = 请选择本奖种的学科评审组之一。
error-not-in-group = 提名{ $id }不是本学科评审组待表决的已完成初评候选者。
error-not-through-group = 提名{ $id }尚未通过其学科评审组：评审委员会只对学科评审组通过的候选者表决。
discipline-group-hint = 在评审委员会之前对该提名进行表决的学科评审组。
discipline-group-of = 学科评审组：{ $group }
discipline-groups-title = 学科评审组
discipline-groups-lead = 各学科评审组对提名到本组、已完成初评的候选者表决；只有通过的候选者提交评审委员会。
discipline-group-open = 开启本组表决
eligibility-completers-integrity = 项目的完成人和完成单位均不存在条例第十六条规定的不得提名情形
invalid-not-per-program = 该委员会负责所有奖种，请勿填写奖种。
committee-evaluation-of = { $award }评审委员会
contents-title = 本页内容
stats-awards = 各奖种统计
stats-totals-held = 名录现有本奖项记录{ $held }条；此处没有资料报道其逐年获奖数。

transparency-title = 透明日志
transparency-lead = 本系统记录的每一项决定都是审计日志中的一个条目，每个条目又是一棵公开的、只增不改的默克尔树中的一片叶子。下列每个检查点均以日志密钥签名：保存了检查点的任何人，日后都能证明日志仍按原有顺序、未经改动地包含该检查点所涵盖的全部条目，而无须信任本网站或其数据库。日志只公开每个条目的摘要，从不公开其内容。
transparency-origin = 日志
transparency-key = 日志公钥
transparency-newest = 最新检查点
transparency-none = 尚未发布任何检查点。
transparency-size = 条目数
transparency-root = 根哈希
transparency-published = 发布时间
transparency-download = 下载已签名的检查点
transparency-check-title = 如何核验日志
transparency-check-text = 请将检查点保存在奖励办公室无法触及之处。日后，任何支持 C2SP 格式的客户端，或文档（docs/TRANSPARENCY.md）中的简短核验程序，都能核验届时提供的日志是否延续了该检查点；奖励办公室以“laureate audit verify --checkpoint”核验。
transparency-formats = 日志以 C2SP 格式（tlog-tiles、tlog-checkpoint、signed-note）提供，哈希算法遵循 RFC 6962：
transparency-checkpoints = 已发布的全部检查点
announcement-log-title = 透明日志记录
announcement-log-text = 本次批准是透明日志第 { $index } 号条目，首次由 { $published } 发布的、含 { $size } 个条目的检查点涵盖，其根哈希为：
announcement-log-proof = 批准记录的包含证明（JSON）
verify-log-title = 透明日志记录
verify-log-text = 本证书的签发是透明日志第 { $index } 号条目，已由含 { $size } 个条目的已签名检查点涵盖，其根哈希为：
verify-log-download = 下载签发证明（JSON），以便离线核验
verify-log-pending = 本证书的签发尚未收入透明日志已发布的检查点，数秒内即会收入。
verify-log-offline = 透明日志公钥（用于核验签发证明）：以失窃密钥签名的证书不在任何日志之中。
verify-approval-title = 透明日志中的批准记录
verify-approval-text = 本证书附带本轮的批准记录：透明日志第 { $index } 号条目，及其相对于含 { $size } 个条目的已签名检查点的包含证明。证书的签名内容载明二者，因此“laureate certificates verify”可使用日志公钥离线核验批准记录。
verify-approval-proof = 本网站提供的同一证明（JSON）
verify-approval-none = 本证书签发时，证书尚不附带批准记录的证明；其在日志中的签发记录见上文。
error-approval-not-logged = 本轮的批准尚未写入透明日志，而证书须附带其证明。服务器的日志排序程序会在数秒内写入：请确认有服务器正在使用此数据库运行，然后再次制发。
