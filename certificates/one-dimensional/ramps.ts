# Ramps: a tiny univariate (d = 1) data set in UEA .ts format, for the d = 1 example.
@problemName Ramps
@timeStamps false
@missing false
@univariate true
@equalLength false
@classLabel true up down
@data
0.6,1.5,2.4,3.3,4.8:up
6.9,5.2,4.3,3.0,2.7,1.4:down
0.7,1.2,2.1,3.8,4.5,5.6,6.7:up
8.0,7.1,6.2,5.5,4.4,3.3,2.0,1.7:down
0.6,1.5,2.4,3.5,4.0,5.3,6.4,7.3,8.6:up
10.9,9.4,8.7,7.6,6.9,5.2,4.1,3.6,2.9,1.2:down
0.9,1.2,2.1,3.0,4.7,5.8,6.7,7.2,8.7,9.2,10.5:up
5.6,4.3,3.8,2.7,1.0:down
0.5,1.2,2.7,3.0,4.9,5.6:up
7.7,6.0,5.7,4.0,3.7,2.6,1.1:down
0.0,1.7,2.0,3.1,4.6,5.7,6.0,7.5:up
9.4,8.5,7.4,6.3,5.2,4.1,3.0,2.5,1.4:down
