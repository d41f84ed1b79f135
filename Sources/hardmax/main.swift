import HardmaxCommandLine

HardmaxCommandLine.main()
