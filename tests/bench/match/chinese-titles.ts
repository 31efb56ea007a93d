/**
 * Chinese titles a publisher would register beside the English ones (CatalogueEntry.otherTitles).
 * The goodbooks ones are the titles of the books' published Chinese translations; the Springer
 * ones are the bench author's own translations (Springer's list has no Chinese titles), written
 * the way Chinese textbook titles are. Keyed by the catalogue's main title.
 */
export const chineseTitles: Record<string, string> = {
  // Springer free textbooks (2020)
  'Fundamentals of Power Electronics': '电力电子学基础',
  'Developmental Neurobiology': '发育神经生物学',
  'Clinical Neuroanatomy': '临床神经解剖学',
  'Principles of Fluorescence Spectroscopy': '荧光光谱学原理',
  'Composite Materials': '复合材料',
  'Introductory Statistics with R': 'R语言统计入门',
  'Introduction to Evolutionary Computing': '进化计算导论',
  'Particles and Nuclei': '粒子与原子核',
  'Computational Physics': '计算物理学',
  'Classical Fourier Analysis': '经典傅里叶分析',
  'Computational Geometry': '计算几何',
  'Introduction to Plasma Physics and Controlled Fusion': '等离子体物理与受控聚变导论',
  'Fluid Dynamics': '流体动力学',
  'An Introduction to Machine Learning': '机器学习导论',
  'Principles of Mobile Communication': '移动通信原理',
  'Representation Theory': '表示论',
  'Linear Algebra': '线性代数',
  'Regression Modeling Strategies': '回归建模策略',
  'Basics of Laser Physics': '激光物理基础',
  'The Physics of Semiconductors': '半导体物理学',
  'Advanced Organic Chemistry': '高等有机化学',
  'Polymer Chemistry': '高分子化学',
  'Guide to Competitive Programming': '算法竞赛入门指南',
  'Introduction to General Relativity': '广义相对论导论',
  'Neural Networks and Deep Learning': '神经网络与深度学习',
  'Engineering Electromagnetics': '工程电磁学',
  'Statistical Learning from a Regression Perspective': '回归视角下的统计学习',
  'Eye Tracking Methodology': '眼动追踪方法论',
  // goodbooks-10k: published translations
  'The Hunger Games (The Hunger Games, #1)': '饥饿游戏',
  "Harry Potter and the Sorcerer's Stone (Harry Potter, #1)": '哈利·波特与魔法石',
  'To Kill a Mockingbird': '杀死一只知更鸟',
  'The Great Gatsby': '了不起的盖茨比',
  'Pride and Prejudice': '傲慢与偏见',
  'The Catcher in the Rye': '麦田里的守望者',
  'The Da Vinci Code (Robert Langdon, #2)': '达·芬奇密码',
  'The Kite Runner': '追风筝的人',
  'One Hundred Years of Solitude': '百年孤独',
  'The Little Prince': '小王子',
  'Animal Farm': '动物农场',
  'Jane Eyre': '简·爱',
  'Wuthering Heights': '呼啸山庄',
  'The Old Man and the Sea': '老人与海',
  '1984': '一九八四',
  'Gone with the Wind': '飘',
};
