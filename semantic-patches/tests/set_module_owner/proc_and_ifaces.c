/* SET_MODULE_OWNER on structures that are not network devices */
#include <linux/module.h>
#include <linux/proc_fs.h>

static struct proc_dir_entry *i8k_proc;

static int __init i8k_init(void)
{
	i8k_proc = create_proc_info_entry("i8k", 0, NULL, i8k_get_info);
	if (!i8k_proc)
		return -ENOENT;
	SET_MODULE_OWNER(i8k_proc);
	return 0;
}

static int probe_adapter(struct st5481_adapter *adapter)
{
	adapter->number_of_leds = 4;
	SET_MODULE_OWNER(&adapter->hisax_d_if);
	adapter->hisax_d_if.ifc.priv = adapter;
	return 0;
}

static void board_setup(munich_board_t *board)
{
	board->loopback = 0;
	SET_MODULE_OWNER(board);
}

static int cam_register(struct pwc_device *pdev)
{
	memcpy(&pdev->vdev, &pwc_template, sizeof(pwc_template));
	SET_MODULE_OWNER(&pdev->vdev);
	return video_register_device(&pdev->vdev, VFL_TYPE_GRABBER, -1);
}
