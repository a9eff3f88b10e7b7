package dev.fxnet.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checks the activation oracle itself, before it is used to judge production code. */
class SigmaOracleSelfTest {
    /**
     * sigma(k 2^-q) to 45 significant digits, computed independently with Python mpmath 1.3.0 at 3000
     * decimal digits directly from the SPEC §6 definitions (ncdf for Phi, tanh, log1p, expm1):
     * {name, k, q, value}.
     */
    private static final String[][] REFERENCE = {
        {"sigmoid", "1", "0", "7.3105857863000487925115924182183627436514464e-1"},
        {"tanh", "1", "0", "7.61594155955764888119458282604793590412768597e-1"},
        {"elu", "1", "0", "1.0"},
        {"softplus", "1", "0", "1.31326168751822283404899549496785564191528009"},
        {"silu", "1", "0", "7.3105857863000487925115924182183627436514464e-1"},
        {"mish", "1", "0", "8.65098388267310346116233449256312386886430378e-1"},
        {"gelu", "1", "0", "8.41344746068542948585232545632037922477912967e-1"},
        {"gelu_tanh", "1", "0", "8.4119199060827670478199577704518386082576147e-1"},
        {"sigmoid", "-1", "0", "2.6894142136999512074884075817816372563485536e-1"},
        {"tanh", "-1", "0", "-7.61594155955764888119458282604793590412768597e-1"},
        {"elu", "-1", "0", "-6.32120558828557678404476229838539132554188869e-1"},
        {"softplus", "-1", "0", "3.13261687518222834048995494967855641915280086e-1"},
        {"silu", "-1", "0", "-2.6894142136999512074884075817816372563485536e-1"},
        {"mish", "-1", "0", "-3.03401461374108918074389275378365229674293735e-1"},
        {"gelu", "-1", "0", "-1.58655253931457051414767454367962077522087033e-1"},
        {"gelu_tanh", "-1", "0", "-1.5880800939172329521800422295481613917423853e-1"},
        {"sigmoid", "1", "1", "6.22459331201854564638900565745508478753279365e-1"},
        {"tanh", "1", "1", "4.6211715726000975850231848364367254873028928e-1"},
        {"elu", "1", "1", "5.0e-1"},
        {"softplus", "1", "1", "9.74076984180106680872997355081170749755596195e-1"},
        {"silu", "1", "1", "3.11229665600927282319450282872754239376639683e-1"},
        {"mish", "1", "1", "3.75245211304895104818562413399279882567856236e-1"},
        {"gelu", "1", "1", "3.45731230637006551818852305304168869941801088e-1"},
        {"gelu_tanh", "1", "1", "3.45714009825143922037757257364523219767941017e-1"},
        {"sigmoid", "-13", "2", "3.73268873441294601977141660384981452602222021e-2"},
        {"tanh", "-13", "2", "-9.9699763548652601693227592643957227305919821e-1"},
        {"elu", "-13", "2", "-9.61225792168277990113100164732403856739855938e-1"},
        {"softplus", "-13", "2", "3.80413716877831285612085616106803582868022823e-2"},
        {"silu", "-13", "2", "-1.21312383868420745642571039625118972095722157e-1"},
        {"mish", "-13", "2", "-1.23574853452182343676564241322337901022961192e-1"},
        {"gelu", "-13", "2", "-1.87533138776999288947998777131538996877066829e-3"},
        {"gelu_tanh", "-13", "2", "-1.56862714474746876152706643618621307756082683e-3"},
        {"sigmoid", "7", "0", "9.9908894880559935464213667622530585867585194e-1"},
        {"tanh", "7", "0", "9.99998336943944671735716415950667112882056992e-1"},
        {"elu", "7", "0", "7.0"},
        {"softplus", "7", "0", "7.00091146645377424469170249380341466178778318"},
        {"silu", "7", "0", "6.99362264163919548249495673357714101073096358"},
        {"mish", "7", "0", "6.99998837980974146004218728054420574744575431"},
        {"gelu", "7", "0", "6.99999999999104131219279915496931463416453417"},
        {"gelu_tanh", "7", "0", "6.99999999999999768455773792745103677118768389"},
        {"sigmoid", "-7", "0", "9.11051194400645357863323774694141324148060261e-4"},
        {"tanh", "-7", "0", "-9.99998336943944671735716415950667112882056992e-1"},
        {"elu", "-7", "0", "-9.99088118034445483791996863915590717373526275e-1"},
        {"softplus", "-7", "0", "9.11466453774244691702493803414661787783184298e-4"},
        {"silu", "-7", "0", "-6.37735836080451750504326642285898926903642183e-3"},
        {"mish", "-7", "0", "-6.38026340957366809479222759863950312362700603e-3"},
        {"gelu", "-7", "0", "-8.95868780720084503068536583546583098622990908e-12"},
        {"gelu_tanh", "-7", "0", "-2.31544226207254896322881231610549232735901369e-15"},
        {"sigmoid", "1", "10", "5.0024414060559744821254906006711714917817298e-1"},
        {"tanh", "1", "10", "9.76562189559260218584075270146771762847008858e-4"},
        {"elu", "1", "10", "9.765625e-4"},
        {"softplus", "1", "10", "6.93635581019230123247211554705274687087153164e-1"},
        {"silu", "1", "10", "4.88519668560153758020067441471794090994309551e-4"},
        {"mish", "1", "10", "5.86242660838372991026753395032015881991744164e-4"},
        {"gelu", "1", "10", "4.88661710946074747076929447186982259983727735e-4"},
        {"gelu_tanh", "1", "10", "4.88661710945775435196229283758553905088326341e-4"},
        {"sigmoid", "-1", "10", "4.9975585939440255178745093993288285082182702e-1"},
        {"tanh", "-1", "10", "-9.76562189559260218584075270146771762847008858e-4"},
        {"elu", "-1", "10", "-9.76085818024337765288210389670569680797919221e-4"},
        {"softplus", "-1", "10", "6.92659018519230123247211554705274687087153164e-1"},
        {"silu", "-1", "10", "-4.88042831439846241979932558528205909005690449e-4"},
        {"mish", "-1", "10", "-5.85632309359303958106167494975691655014703525e-4"},
        {"gelu", "-1", "10", "-4.87900789053925252923070552813017740016272265e-4"},
        {"gelu_tanh", "-1", "10", "-4.87900789054224564803770716241446094911673659e-4"},
        {"sigmoid", "-20", "0", "2.06115361819020358143086212947459269075249002e-9"},
        {"tanh", "-20", "0", "-9.99999999999999991503291489416822045438558191e-1"},
        {"elu", "-20", "0", "-9.99999997938846377561442172034059619844179024e-1"},
        {"softplus", "-20", "0", "2.06115362031438070323898279887791523560266988e-9"},
        {"silu", "-20", "0", "-4.12230723638040716286172425894918538150498004e-8"},
        {"mish", "-20", "0", "-4.12230724062876140064029177400666409051965253e-8"},
        {"gelu", "-20", "0", "-5.50724823721246739015124556171493066561499547e-88"},
        {"gelu_tanh", "-20", "0", "-3.37545095631096731973980069206986053983517479e-261"},
        {"sigmoid", "30", "0", "9.9999999999990642377031160701046160437346715e-1"},
        {"tanh", "30", "0", "9.99999999999999999999999982486978474606959323e-1"},
        {"elu", "30", "0", "3.0e+1"},
        {"softplus", "30", "0", "3.00000000000000935762296883973677937769742468e+1"},
        {"silu", "30", "0", "2.99999999999971927131093482103138481312040145e+1"},
        {"mish", "30", "0", "2.99999999999999999999999994746093542383071078e+1"},
        {"gelu", "30", "0", "3.0e+1"},
        {"gelu_tanh", "30", "0", "3.0e+1"},
        {"sigmoid", "-61", "1", "5.67568523263240032784418949048106464286168264e-14"},
        {"tanh", "-61", "1", "-9.99999999999999999999999993557319428014967822e-1"},
        {"elu", "-61", "1", "-9.99999999999943243147673672775381272112761933e-1"},
        {"softplus", "-61", "1", "5.67568523263256139485848910409663904492285711e-14"},
        {"silu", "-61", "1", "-1.7310839959528820999924777945967247160728132e-12"},
        {"mish", "-61", "1", "-1.73108399595293122543183917489067137050154924e-12"},
        {"gelu", "-61", "1", "-3.97396063519313287031440237981205649570619869e-203"},
        {"gelu_tanh", "-61", "1", "-1.28059271570981358360770039762498459870688633e-899"},
        {"sigmoid", "3", "30", "5.000000006984919309616088862643661185926972e-1"},
        {"tanh", "3", "30", "2.79396772384643553960485789748315522402654466e-9"},
        {"elu", "3", "30", "2.793967723846435546875e-9"},
        {"softplus", "3", "30", "6.9314718195692917231623185013263055836482418e-1"},
        {"silu", "3", "30", "1.39698386387478168391140797994388114267782457e-9"},
        {"mish", "3", "30", "1.67638063680586313318263539223735687101243123e-9"},
        {"gelu", "3", "30", "1.39698386503746320061189302510011797536074805e-9"},
        {"gelu_tanh", "3", "30", "1.39698386503746320061189302508006357834002661e-9"},
        {"sigmoid", "-40", "0", "4.24835425529158897728072090440450637143476272e-18"},
        {"tanh", "-40", "0", "-9.99999999999999999999999999999999963902972243e-1"},
        {"elu", "-40", "0", "-9.99999999999999995751645744708411004670765217e-1"},
        {"softplus", "-40", "0", "4.24835425529158898630497784363158218187775068e-18"},
        {"silu", "-40", "0", "-1.69934170211663559091228836176180254857390509e-16"},
        {"mish", "-40", "0", "-1.69934170211663559452199113745263286252756951e-16"},
        {"gelu", "-40", "0", "-1.46235741636601188149959432107531346602157785e-348"},
        {"gelu_tanh", "-40", "0", "-3.84168111630092390283991671900964730741094422e-2010"},
        {"sigmoid", "-1000", "0", "5.07595889754945676529180947957433691930559928e-435"},
        {"tanh", "-1000", "0", "-1.0"},
        {"elu", "-1000", "0", "-1.0"},
        {"softplus", "-1000", "0", "5.07595889754945676529180947957433691930559928e-435"},
        {"silu", "-1000", "0", "-5.07595889754945676529180947957433691930559928e-432"},
        {"mish", "-1000", "0", "-5.07595889754945676529180947957433691930559928e-432"},
        {"gelu", "-1000", "0", "-2.29064614654549841064310908113818131679298776e-217148"},
    };

    @Test
    void highPrecisionAgreesWithMpmath() {
        for (String[] row : REFERENCE) {
            long k = Long.parseLong(row[1]);
            int q = Integer.parseInt(row[2]);
            BigDecimal want = new BigDecimal(row[3]);
            BigDecimal got = SigmaOracle.sigmaHigh(row[0], k, q, 60);
            BigDecimal rel = got.subtract(want).abs().divide(want.abs(), MathContext.DECIMAL64);
            assertTrue(rel.compareTo(new BigDecimal("1e-43")) < 0,
                    () -> row[0] + "(" + k + "*2^-" + q + "): got " + got + " want " + want);
        }
    }

    @Test
    void doubleDefectsAgreeWithHighPrecision() {
        Random r = new Random(5);
        double worst = 0;
        String worstAt = "";
        for (String name : SigmaOracle.NAMES) {
            if (SigmaOracle.isPiecewiseRational(name)) {
                continue;
            }
            for (int i = 0; i < 1500; i++) {
                int q = r.nextInt(31);
                long k;
                switch (i % 3) {
                    case 0:
                        k = (long) (r.nextGaussian() * Math.scalb(3.0, q)); // |z| ~ 3
                        break;
                    case 1:
                        k = (long) (r.nextDouble() * Math.scalb(80.0, q)) * (r.nextBoolean() ? 1 : -1); // tails
                        break;
                    default:
                        k = r.nextInt(2001) - 1000; // near zero at large q
                }
                if (k == 0 || Math.abs(k) > (1L << 31) || SigmaOracle.exact(name, k, q) != null) {
                    continue;
                }
                double d = SigmaOracle.defectDouble(name, k, q);
                if (Math.abs(d) < 1e-200) {
                    // (verifying a tiny claim costs an exp of a huge argument; keep it to moderate z)
                    if (Math.scalb((double) Math.abs(k), -q) > (name.equals("gelu_tanh") ? 25 : 45)) {
                        continue;
                    }
                    // claimed tiny: check the sign and the bound with high precision
                    BigDecimal h = SigmaOracle.defectHigh(name, k, q, 20);
                    assertEquals(Math.signum(d), h.signum(), name + " " + k + " " + q);
                    assertTrue(h.abs().compareTo(new BigDecimal("1e-100")) < 0, name + " " + k + " " + q);
                    continue;
                }
                BigDecimal h = SigmaOracle.defectHigh(name, k, q, 30);
                double rel = new BigDecimal(d).subtract(h).abs().divide(h.abs(), MathContext.DECIMAL64).doubleValue();
                if (rel > worst) {
                    worst = rel;
                    worstAt = name + "(" + k + "*2^-" + q + ")";
                }
            }
        }
        System.out.println("[oracle] worst relative error of the double defects: " + worst + " at " + worstAt);
        assertTrue(worst < 1e-12, worstAt + " " + worst);
    }

    @Test
    void normalTailDoubleAcrossTheSwitch() {
        double worst = 0;
        for (double t = 0.001; t < 37; t *= 1.01) {
            BigDecimal h = SigmaOracle.normalTail(new BigDecimal(t), 30);
            double rel = Math.abs(SigmaOracle.normalTailDouble(t) / h.doubleValue() - 1);
            worst = Math.max(worst, rel);
        }
        assertTrue(worst < 1e-13, "normal tail worst " + worst);
    }

    @Test
    void normalTailSeriesAndAsymptoticsAgree() {
        // t = 9, 12, 20 are served by the asymptotic series at 50 digits and by the Marsaglia series at
        // 400 digits (the asymptotics cannot reach 400 digits there): they must agree.
        for (String t : new String[] {"9", "12", "20", "9.5"}) {
            BigDecimal a = SigmaOracle.normalTail(new BigDecimal(t), 50);
            BigDecimal b = SigmaOracle.normalTail(new BigDecimal(t), 400);
            BigDecimal rel = a.subtract(b).abs().divide(b, MathContext.DECIMAL64);
            assertTrue(rel.compareTo(new BigDecimal("1e-48")) < 0, t + ": " + a + " vs " + b);
        }
    }

    @Test
    void decisionsByHand() {
        long[] out = new long[9];
        // sigmoid(0) = 1/2 at q = 0: c = 1/2, a tie.
        // modes in MODES order: HALF_EVEN, HALF_UP, HALF_DOWN, HALF_CEILING, HALF_FLOOR, UP, DOWN, CEILING, FLOOR
        SigmaOracle.roundAll("sigmoid", 0, 0, out);
        assertArrayEquals(new long[] {0, 1, 0, 1, 0, 1, 0, 1, 0}, out);
        // gelu(2^30 - 1) at q = 0: c = z - z Q(z), 0 < zQ(z) < e^-(z^2/2) (far below 1/2)
        long z = (1L << 30) - 1;
        SigmaOracle.roundAll("gelu", z, 0, out);
        assertArrayEquals(new long[] {z, z, z, z, z, z, z - 1, z, z - 1}, out);
        // gelu(-(2^30 - 1)) = -z Q(z): a tiny negative number
        SigmaOracle.roundAll("gelu", -z, 0, out);
        assertArrayEquals(new long[] {0, 0, 0, 0, 0, -1, 0, 0, -1}, out);
        // softplus(0) * 2^0 = ln 2 = 0.693...: nearest 1, directed 0/1
        SigmaOracle.roundAll("softplus", 0, 0, out);
        assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1, 0, 1, 0}, out);
        // hardsigmoid(-3 + 2^-q)... q = 0, z = 0: 1/2 exactly, a tie
        SigmaOracle.roundAll("hardsigmoid", 0, 0, out);
        assertArrayEquals(new long[] {0, 1, 0, 1, 0, 1, 0, 1, 0}, out);
        // leaky_relu(-50) = -0.5 at q = 0: tie on the negative side
        SigmaOracle.roundAll("leaky_relu", -50, 0, out);
        assertArrayEquals(new long[] {0, -1, 0, 0, -1, -1, 0, 0, -1}, out);
    }
}
