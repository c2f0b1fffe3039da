/*
 * 2.4 board driver: the probe helper pins the module once a board is
 * found and registered; its switch has dead code after a return (as some
 * 2.4 drivers wrote it).  The pin must stay, as __module_get().
 */
#include <linux/module.h>
#include <linux/init.h>

static int boards;

static int probe_board(int type)
{
	switch (type) {
	case 1:
		boards++;
		break;
	default:
		return -ENODEV;
		break;
	}
	MOD_INC_USE_COUNT;
	return 0;
}

static int __init board_init(void)
{
	return probe_board(1);
}

static void __exit board_exit(void)
{
	boards = 0;
}

module_init(board_init);
module_exit(board_exit);
