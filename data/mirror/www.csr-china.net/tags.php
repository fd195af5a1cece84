<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>标签_企业社会责任中国网</title>
</head>
<body>
<div class="top"><div class="logo"><a href="/"><img src="/templets/default/images/logo.gif" alt="企业社会责任中国网" /></a></div>
<div class="nav"><a href="/">首页</a> | <a href="/a/news/">新闻中心</a> | <a href="/a/news/qiye/">企业动态</a> | <a href="/a/news/zhengce/">政策法规</a> | <a href="/a/about/">关于我们</a> | <a href="https://en.csr-china.net/">English</a></div></div>
<div class="main"><h2>标签</h2><p><a href="/tags.php?/ESG/">ESG</a> <a href="/tags.php?/%CF%E7%B4%E5%D5%F1%D0%CB/">乡村振兴</a> <a href="/tags.php?/%B9%A9%D3%A6%C1%B4/">供应链</a> <a href="/tags.php?/%D0%C5%CF%A2%C5%FB%C2%B6/">信息披露</a> <a href="/tags.php?/%C5%A9%B4%E5%B5%E7%C9%CC/">农村电商</a> <a href="/tags.php?/%B6%AF%C1%A6%B5%E7%B3%D8/">动力电池</a> <a href="/tags.php?/%BF%C9%B3%D6%D0%F8%B7%A2%D5%B9/">可持续发展</a> <a href="/tags.php?/%BF%C9%B3%D6%D0%F8%B7%A2%D5%B9%C4%BF%B1%EA/">可持续发展目标</a> <a href="/tags.php?/%BF%C9%B3%D6%D0%F8%C5%FB%C2%B6%D7%BC%D4%F2/">可持续披露准则</a> <a href="/tags.php?/%B9%FA%BC%CA%BA%CF%D7%F7/">国际合作</a> <a href="/tags.php?/%B8%B4%B9%A4%B8%B4%B2%FA/">复工复产</a> <a href="/tags.php?/%B0%B2%C8%AB%C9%FA%B2%FA/">安全生产</a> <a href="/tags.php?/%CA%B5%D6%CA%D0%D4/">实质性</a> <a href="/tags.php?/%D1%AD%BB%B7%BE%AD%BC%C3/">循环经济</a> <a href="/tags.php?/%D6%BE%D4%B8%B7%FE%CE%F1/">志愿服务</a> <a href="/tags.php?/%BF%B9%BB%F7%D2%DF%C7%E9/">抗击疫情</a> <a href="/tags.php?/%CB%AE%D7%CA%D4%B4/">水资源</a> <a href="/tags.php?/%BB%B7%BE%B3%D0%C5%CF%A2%C5%FB%C2%B6/">环境信息披露</a> <a href="/tags.php?/%C9%FA%CE%EF%B6%E0%D1%F9%D0%D4/">生物多样性</a> <a href="/tags.php?/%CC%BC%D6%D0%BA%CD/">碳中和</a> <a href="/tags.php?/%CC%BC%B4%EF%B7%E5/">碳达峰</a> <a href="/tags.php?/%BE%AB%D7%BC%B7%F6%C6%B6/">精准扶贫</a> <a href="/tags.php?/%C2%CC%C9%AB%BA%BD%D4%CB/">绿色航运</a> <a href="/tags.php?/%C2%CC%C9%AB%BD%F0%C8%DA/">绿色金融</a> <a href="/tags.php?/%D4%F0%C8%CE%B1%A8%B8%E6/">责任报告</a> <a href="/tags.php?/%BD%F0%C3%DB%B7%E4/">金蜜蜂</a></p></div>
<div class="foot"><p>金蜜蜂官方微信</p><p>Copyright &copy; 企业社会责任中国网 版权所有</p><p>Power by DedeCms</p></div>
</body>
</html>
