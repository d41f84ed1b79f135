print("hardmax-fuzz: not written yet")
